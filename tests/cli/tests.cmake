# Tests of tests/cli.
