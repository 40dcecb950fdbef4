"""The book's own tools: exercise generation, grading, execution, headers, benchmarks.

No notebook imports this subpackage; it may import the learner's side of ``rnnlab``, never
the other way round.
"""
