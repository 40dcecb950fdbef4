#!/bin/bash
# Grade a class on a Slurm cluster: one array task per shard, then one job that merges them.
# Run from the folder that holds the submissions and the virtual environment:
#
#   sbatch --array=1-8 examples/slurm_grade.sh submissions/      # 8 shards
#   sbatch --dependency=afterany:<array job id> --wrap \
#       ".venv/bin/python -m rnnlab grade merge grading/shard-* --out grading/all --canvas-export export.csv"
#
# Each task grades every 8th submission in its own bubblewrap sandboxes, with 2 submissions at a
# time and one torch thread each, and writes grading/shard-<i>/ (tables, results.jsonl, feedback).
# The self-tests are remembered in grading/self-tests/, so only the first task to reach a set
# runs its solution. A task that dies can be re-run alone: it skips what it already graded.
# A task that rejected files exits non-zero (its log names them); afterany still merges.
# Arguments after the folder go to the grader (e.g. --sets 05_bptt).
#
# The log goes to the folder sbatch was called from: Slurm opens it before this script runs, so
# it may not name a folder that does not exist yet. The virtual environment is $VENV (default
# .venv in that folder); nothing depends on the environment sbatch happened to export.
#SBATCH --job-name=rnnlab-grade
#SBATCH --cpus-per-task=2
#SBATCH --mem=12G
#SBATCH --time=04:00:00
#SBATCH --output=rnnlab-grade-%A_%a.log
set -euo pipefail
submissions=${1:?usage: sbatch --array=1-N examples/slurm_grade.sh SUBMISSIONS_FOLDER [grader options]}
shift
shards=${SLURM_ARRAY_TASK_COUNT:?run me with sbatch --array=1-N}
shard=${SLURM_ARRAY_TASK_ID:?run me with sbatch --array=1-N}
cd "${SLURM_SUBMIT_DIR:-.}"
python=${VENV:-.venv}/bin/python
if [ ! -x "$python" ]; then
    echo "no Python at $python: make the environment (make setup) or set VENV=/path/to/venv" >&2
    exit 2
fi
export RNNLAB_DATA=${RNNLAB_DATA:?set RNNLAB_DATA to the folder with the corpora}
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
mkdir -p grading/self-tests
"$python" -m rnnlab grade "$submissions" --out "grading/shard-$shard" --shard "$shard/$shards" \
    --jobs "${SLURM_CPUS_PER_TASK:-2}" --threads 1 --self-test-cache grading/self-tests "$@"
