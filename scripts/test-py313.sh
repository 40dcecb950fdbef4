#!/usr/bin/env bash
# make test-py313: the fast tests (make test-fast) and three notebooks in quick mode under
# Debian 13's Python 3.13, in a Debian 13 (trixie) root built with debootstrap.
#
# Needs: root, Debian's package archive, PyPI and npm (nothing else is downloaded). The root is kept in
# $PY313_ROOT (default /var/tmp/rnnlab-trixie, about 6 GB with torch), so a second run only copies
# the working tree in and runs the tests again; delete that folder to start from scratch.
# Each run tests a copy of the working tree (tracked and untracked, not ignored, files), made
# when it starts. Mounts live in a private mount namespace and vanish when the run ends.
#
# Settings (environment):
#   PY313_ROOT          where the Debian 13 root lives
#   PY313_NOTEBOOKS     notebooks run with nbval in quick mode (paths in the repository)
#   PY313_TORCH_INDEX   a pip index with CPU builds of torch (PyPI has only the CUDA build, a
#                       few GB more); empty means PyPI
#   RNNLAB_DATA         the corpora, mounted read-only (default: ../shared/data when it exists)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
root="${PY313_ROOT:-/var/tmp/rnnlab-trixie}"
notebooks="${PY313_NOTEBOOKS:-chapters/00_getting_started.ipynb chapters/06_gru.ipynb solutions/08_deep_rnn.ipynb}"
torch_index="${PY313_TORCH_INDEX:-}"
data="${RNNLAB_DATA:-}"
if [ -z "$data" ] && [ -d "$repo/../shared/data" ]; then data="$(cd "$repo/../shared/data" && pwd)"; fi
if [ -z "$data" ]; then
  echo "test-py313: no corpora folder (RNNLAB_DATA unset, no ../shared/data): tests that read a corpus" >&2
  echo "will try to download it; set RNNLAB_DATA=/path/to/corpora to run offline." >&2
fi

if [ "$(id -u)" != 0 ]; then
  echo "test-py313: expected to run as root (debootstrap, chroot and mounts need it); got uid $(id -u)." >&2
  echo "likely fix: sudo make test-py313" >&2
  exit 2
fi
command -v debootstrap >/dev/null || { apt-get update -qq && apt-get install -y -qq debootstrap >/dev/null; }

step() { echo "== $(date +%T) $*"; }

if [ ! -e "$root/.rnnlab-base-ready" ]; then
  step "debootstrap Debian 13 (trixie) into $root"
  rm -rf "$root"
  debootstrap --variant=minbase \
    --include=python3,python3-venv,make,git,ca-certificates,nodejs,npm \
    trixie "$root"
  touch "$root/.rnnlab-base-ready"
fi

# A machine behind a TLS-inspecting proxy trusts its own certificate authorities: the root trusts
# the same ones (pip and npm inside it use the system's store through the variables set below).
if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
  mkdir -p "$root/usr/local/share/ca-certificates"
  cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
  chroot "$root" update-ca-certificates >/dev/null
fi

step "copy the working tree to $root/src"
rm -rf "$root/src" && mkdir -p "$root/src" "$root/data"
(cd "$repo" && git ls-files -z --cached --others --exclude-standard | xargs -0 tar -cf - --no-recursion) \
  | tar -xf - -C "$root/src"

# Inside the root: a virtual environment outside the source copy, so it survives the next copy.
# Make's stamp file skips the install on later runs unless requirements.txt or pyproject.toml change.
inner=$(cat <<'INNER'
set -euo pipefail
cd /src
export HOME=/root OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 PIP_DISABLE_PIP_VERSION_CHECK=1
bundle=/etc/ssl/certs/ca-certificates.crt
export PIP_CERT=$bundle SSL_CERT_FILE=$bundle REQUESTS_CA_BUNDLE=$bundle NODE_EXTRA_CA_CERTS=$bundle
[ -n "$RNNLAB_DATA" ] || unset RNNLAB_DATA
# Packages a root made by an older version of this script may lack (a no-op when all are there).
need=""
for pkg in python3-venv make git nodejs npm; do dpkg -s "$pkg" >/dev/null 2>&1 || need="$need $pkg"; done
[ -z "$need" ] || { apt-get update -qq && apt-get install -y -qq $need >/dev/null; }
python3 --version
if [ -n "$TORCH_INDEX" ] && [ ! -e /opt/venv313/.installed ]; then
  python3 -m venv /opt/venv313
  /opt/venv313/bin/pip install -q torch --index-url "$TORCH_INDEX"
fi
echo "== $(date +%T) make test-fast (Python 3.13)"
make test-fast VENV=/opt/venv313 PYTHON=python3
/opt/venv313/bin/python -c 'import sys, torch; print("python", sys.version.split()[0], "torch", torch.__version__)'
echo "== $(date +%T) notebooks in quick mode: $NOTEBOOKS"
OMP_NUM_THREADS=1 MPLCONFIGDIR=/opt/venv313/mplconfig RNNLAB_QUICK=1 \
  /opt/venv313/bin/python -m pytest --nbval-lax -p no:cacheprovider $NOTEBOOKS
INNER
)

step "run the tests inside the root"
# A private mount namespace: /proc, /dev and the corpora are mounted for this run only.
unshare --mount --propagation private env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
  RNNLAB_DATA="${data:+/data}" TORCH_INDEX="$torch_index" NOTEBOOKS="$notebooks" \
  bash -c '
    set -euo pipefail
    root="$1" data="$2" inner="$3"
    mount -t proc proc "$root/proc"
    mount --rbind /dev "$root/dev"
    [ -z "$data" ] || mount --bind -o ro "$data" "$root/data"
    cp /etc/resolv.conf "$root/etc/resolv.conf"
    chroot "$root" /bin/bash -c "$inner"
  ' _ "$root" "$data" "$inner"
step "done: Python 3.13 passed make test-fast and the notebooks"
