# Tests of tests/io.
