# Sources of src/io (filled by its owner).
