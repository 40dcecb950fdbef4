"""`python -m rnnlab bench` and `grade bench`: the book's benchmarks, one module each."""
