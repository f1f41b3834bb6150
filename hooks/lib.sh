# shellcheck shell=bash
# Shared helpers of the hooks/ scripts (sourced, not run).

say() { echo "hooks: $*" >&2; }

# need_tools WHAT command:debian-package ...
# Every command missing: as root, apt-get install its package (saying so); otherwise exit 1 naming the packages.
need_tools() {
    local what="$1" pair
    local -a missing=()
    shift
    for pair in "$@"; do
        command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
    done
    [ "${#missing[@]}" = 0 ] && return 0
    install_packages "$what" "${missing[@]}"
}

# install_packages WHAT package ...: apt-get install as root, else explain and exit 1.
install_packages() {
    local what="$1"
    shift
    if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
        say "$what needs these Debian packages, which are missing: $*"
        say "install them with: sudo apt-get install -y $*"
        exit 1
    fi
    say "$what needs the Debian packages $*: installing them with apt-get"
    if printf '%s\n' "$@" | grep -q ':arm64$'; then
        dpkg --add-architecture arm64
    fi
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
}

# arm_run ROOT command ...: run an aarch64 command inside the root through qemu-user. No user site:
# pip would install there (it finds site-packages unwritable under proot) and it would shadow the venv.
arm_run() {
    local root="$1"
    shift
    proot -q qemu-aarch64-static -r "$root" -b /proc -b /dev -b /tmp -w / /usr/bin/env -i \
        PATH=/usr/local/bin:/usr/bin:/bin HOME=/root LANG=C.UTF-8 PYTHONNOUSERSITE=1 "$@"
}
