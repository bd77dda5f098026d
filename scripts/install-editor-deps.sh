#!/usr/bin/env bash
# What the real-editor tests (test/editors/) need: Neovim 0.12 and Helix from Debian sid, unpacked
# with the libraries they need (sid's libc too) under .editors/ (git-ignored) and patchelf'd to use
# them; nothing of sid is installed system-wide. Emacs 28 and eglot come from the machine's own
# Debian (bookworm) with apt-get install, as a user would install them. Idempotent: each editor is
# skipped when it already runs, so a second run takes a second. Downloads only from Debian's apt.
set -euo pipefail
cd "$(dirname "$0")/.."
DIR="${RNN_LENS_EDITORS_DIR:-$PWD/.editors}"
ALT="$DIR/apt-alt"
LOG="$DIR/install.log"
START=$(date +%s)
mkdir -p "$DIR"
step() { echo "[editor deps $(( $(date +%s) - START ))s] $*"; }
fail() { echo "install-editor-deps: $*; see $LOG" >&2; exit 1; }
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# A private apt configuration that asks the machine's own Debian mirror for the sid suite; the
# system's apt state is untouched (only its dpkg status is read).
alt_apt() {
    [ -f "$ALT/apt.conf" ] && [ -n "$(ls "$ALT"/lists/*sid*Packages* 2>/dev/null)" ] && return 0
    mkdir -p "$ALT"/{lists/partial,cache/archives/partial,etc/sources.list.d,etc/preferences.d}
    local mirror
    mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
    [ -n "$mirror" ] || mirror=$(awk '/^deb / {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
    [ -n "$mirror" ] || fail "no Debian mirror configured for apt"
    echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror sid main" > "$ALT/etc/sources.list"
    cat > "$ALT/apt.conf" <<CONF
Dir::State "$ALT";
Dir::State::Lists "$ALT/lists";
Dir::State::status "/var/lib/dpkg/status";
Dir::Cache "$ALT/cache";
Dir::Etc::SourceList "$ALT/etc/sources.list";
Dir::Etc::SourceParts "$ALT/etc/sources.list.d";
Dir::Etc::Preferences "$ALT/etc/preferences";
Dir::Etc::PreferencesParts "$ALT/etc/preferences.d";
APT::Architecture "amd64";
CONF
    step "apt-get update (Debian sid, private configuration in $ALT)"
    APT_CONFIG="$ALT/apt.conf" apt-get update >>"$LOG" 2>&1 || fail "apt-get update (Debian sid) failed"
}

# patchelf, from the machine's own Debian, to point sid's binaries at sid's libraries.
patchelf_bin() {
    if [ ! -x "$DIR/tools/usr/bin/patchelf" ]; then
        mkdir -p "$DIR/tools/debs"
        ( cd "$DIR/tools/debs" && chmod 777 . && apt-get download patchelf >>"$LOG" 2>&1 ) || fail "apt-get download patchelf failed"
        dpkg -x "$DIR"/tools/debs/patchelf_*.deb "$DIR/tools"
    fi
    echo "$DIR/tools/usr/bin/patchelf"
}

# unpack_sid NAME BINARY PACKAGE...: downloads the packages from sid, unpacks them into $DIR/NAME/root
# and copies BINARY (a path inside root) to $DIR/NAME/NAME.bin, patched to use root's libc.
unpack_sid() {
    local name=$1 binary=$2; shift 2
    local home="$DIR/$name"
    alt_apt
    local patchelf; patchelf=$(patchelf_bin)
    rm -rf "$home" && mkdir -p "$home/debs" "$home/root" "$home/bin"
    ( cd "$home/debs" && chmod 777 . && APT_CONFIG="$ALT/apt.conf" apt-get download "$@" >>"$LOG" 2>&1 ) \
        || fail "apt-get download $* (Debian sid) failed"
    for d in "$home"/debs/*.deb; do dpkg -x "$d" "$home/root"; done
    local lib="$home/root/usr/lib/x86_64-linux-gnu"
    cp "$home/root/$binary" "$home/$name.bin"
    "$patchelf" --set-interpreter "$lib/ld-linux-x86-64.so.2" --set-rpath "$lib" "$home/$name.bin" >>"$LOG" 2>&1 || fail "patchelf $name failed"
}

# 1. Neovim 0.12 (bookworm's is 0.7, too old for vim.lsp.config and inlay hints).
NV="$DIR/nvim"
if "$NV/bin/nvim" --version 2>/dev/null | grep -q '^NVIM v0\.1[2-9]'; then
    step "$("$NV/bin/nvim" --version | head -1) present in $NV"
else
    step "Neovim from Debian sid into $NV"
    unpack_sid nvim usr/bin/nvim neovim neovim-runtime libc6 libluajit-5.1-2 libluajit-5.1-common \
        libtree-sitter0.26 libunibilium4 libutf8proc3 libuv1t64 lua-lpeg lua-luv libgcc-s1
    cat > "$NV/bin/nvim" <<SH
#!/bin/sh
# Debian sid's neovim, unpacked with its libraries (libc too); its tree-sitter parsers are in /usr/lib/nvim of the package.
export VIMRUNTIME="$NV/root/usr/share/nvim/runtime"
exec "$NV/nvim.bin" --cmd 'set rtp+=$NV/root/usr/lib/nvim' "\$@"
SH
    chmod +x "$NV/bin/nvim"
    "$NV/bin/nvim" --version 2>>"$LOG" | grep -q '^NVIM v0\.1[2-9]' || fail "the unpacked nvim does not run"
    step "$("$NV/bin/nvim" --version | head -1) installed"
fi

# 2. Helix (not in bookworm at all).
HX="$DIR/helix"
if "$HX/bin/hx" --version >/dev/null 2>&1; then
    step "$("$HX/bin/hx" --version) present in $HX"
else
    step "Helix from Debian sid into $HX"
    unpack_sid helix usr/lib/hx/hx hx libc6 libgcc-s1
    cat > "$HX/bin/hx" <<SH
#!/bin/sh
# Debian sid's helix, unpacked with its libc; its runtime (themes, queries, grammars) from the package.
export HELIX_RUNTIME="\${HELIX_RUNTIME:-$HX/root/usr/lib/hx/runtime}"
exec "$HX/helix.bin" "\$@"
SH
    chmod +x "$HX/bin/hx"
    "$HX/bin/hx" --version >>"$LOG" 2>&1 || fail "the unpacked hx does not run"
    step "$("$HX/bin/hx" --version) installed"
fi

# 3. Emacs 28 and eglot from bookworm, installed as a user would.
MISSING=""
for pkg in emacs-nox elpa-eglot tmux; do
    dpkg -s "$pkg" >/dev/null 2>&1 || MISSING="$MISSING $pkg"
done
if [ -n "$MISSING" ]; then
    step "apt-get install$MISSING"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $MISSING >>"$LOG" 2>&1 || fail "apt-get install$MISSING failed"
fi
step "$(emacs --version | head -1), eglot $(dpkg-query -W -f='${Version}' elpa-eglot), $(tmux -V)"
