#!/bin/bash
# Grade a class on a Slurm cluster: one array task per shard, then one job that merges them.
#
#   sbatch --array=1-8 examples/slurm_grade.sh submissions/      # 8 shards
#   sbatch --dependency=afterok:<array job id> --wrap \
#       "python -m rnnlab grade merge grading/shard-* --out grading/all --roster roster.csv"
#
# Each task grades every 8th submission in its own bubblewrap sandboxes, with 2 submissions at a
# time and one torch thread each, and writes grading/shard-<i>/ (tables, results.jsonl, feedback).
# A task that dies can be re-run alone: it skips the submissions it has already graded.
#SBATCH --job-name=rnnlab-grade
#SBATCH --cpus-per-task=2
#SBATCH --mem=12G
#SBATCH --time=04:00:00
#SBATCH --output=grading/slurm-%A_%a.log
set -euo pipefail
submissions=${1:?usage: sbatch --array=1-N examples/slurm_grade.sh SUBMISSIONS_FOLDER}
shards=${SLURM_ARRAY_TASK_COUNT:?run me with sbatch --array=1-N}
shard=${SLURM_ARRAY_TASK_ID}
export RNNLAB_DATA=${RNNLAB_DATA:?set RNNLAB_DATA to the folder with the corpora}
export OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
mkdir -p grading
python -m rnnlab grade "$submissions" --out "grading/shard-$shard" --shard "$shard/$shards" \
    --jobs "${SLURM_CPUS_PER_TASK:-2}" --threads 1
