# Sources of src/config (filled by its owner).
