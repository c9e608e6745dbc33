# Sources of src/bench (filled by its owner).
