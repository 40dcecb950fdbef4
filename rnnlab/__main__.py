"""Command line: python -m rnnlab {execute,headers,exercises,grade,bench} ... (see rnnlab.tools)."""

from rnnlab.tools.cli import main

if __name__ == "__main__":
    main()
