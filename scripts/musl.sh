#!/bin/sh
# musl.sh - build the musl libc used by the user test programs (riscv64, static and shared).
#
#   scripts/musl.sh            (run as root from anywhere; make runs it when $B/musl/.stamp is missing)
#
# Steps, each skipped when already done:
#   1. make sure apt has a deb-src entry (writes /etc/apt/sources.list.d/kestrel-deb-src.sources,
#      a copy of the Debian deb822 entries with "Types: deb-src", only if no deb-src entry exists),
#   2. fetch Debian 12's musl source package with `apt-get source` into $B/src/ (Debian's own
#      patches are applied by dpkg-source on extraction),
#   3. copy it to $B/musl-work, apply our patches from scripts/patches/musl-*.patch, configure with
#      CC=riscv64-linux-gnu-gcc for riscv64-linux-musl, build, install into $B/musl,
#   4. copy the Linux UAPI headers (linux/, asm/, asm-generic/, mtd/) of the riscv64 cross package
#      into $B/musl/include, write a gcc specs file and the wrapper $B/musl/bin/musl-gcc,
#   5. touch $B/musl/.stamp.
# The wrapper links statically with -static, otherwise dynamically with PT_INTERP
# /lib/ld-musl-riscv64.so.1 (on the target that file is $B/musl/lib/libc.so).
# Environment: B (build directory, default build), CROSS (default riscv64-linux-gnu-), JOBS.
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
B=${B:-build}
case $B in /*) ;; *) B=$ROOT/$B ;; esac
CROSS=${CROSS:-riscv64-linux-gnu-}
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 2)}
PREFIX=$B/musl
STAMP=$PREFIX/.stamp
UAPI=/usr/riscv64-linux-gnu/include
log() { echo "musl.sh: $*" >&2; }

if [ -f "$STAMP" ] && [ -x "$PREFIX/bin/musl-gcc" ]; then
	exit 0
fi

command -v "${CROSS}gcc" >/dev/null || { log "missing ${CROSS}gcc (run scripts/deps.sh)"; exit 1; }
command -v dpkg-source >/dev/null || { log "missing dpkg-source (package dpkg-dev)"; exit 1; }
[ -f "$UAPI/linux/types.h" ] || { log "missing $UAPI/linux (package linux-libc-dev-riscv64-cross)"; exit 1; }

# 1-2. Debian's musl source package (a deb-src entry added if needed), in $B/src/musl-<version>.
APT_SOURCE_WHO=musl.sh
. "$ROOT/scripts/apt-source.sh"
mkdir -p "$B/src"
src=$(find "$B/src" -maxdepth 1 -type d -name 'musl-[0-9]*' | sort | tail -n 1)
if [ -z "$src" ] || [ ! -f "$src/configure" ]; then
	log "fetching the musl source package"
	apt_source musl "$B/src"
	src=$(find "$B/src" -maxdepth 1 -type d -name 'musl-[0-9]*' | sort | tail -n 1)
fi
if [ -z "$src" ] || [ ! -f "$src/configure" ]; then
	log "no musl source in $B/src"
	exit 1
fi
log "source: $src ($(cat "$src/VERSION" 2>/dev/null || echo '?'))"

# 3. Patch, configure, build, install.
WORK=$B/musl-work
rm -rf "$WORK" "$PREFIX"
cp -a "$src" "$WORK"
for p in "$ROOT"/scripts/patches/musl-*.patch; do
	[ -f "$p" ] || continue
	log "applying $(basename "$p")"
	patch -s -p1 -d "$WORK" <"$p"
done
LOG=$B/musl-build.log
log "building (log: $LOG)"
if ! (
	cd "$WORK" &&
		CC="${CROSS}gcc" AR="${CROSS}ar" RANLIB="${CROSS}ranlib" CFLAGS="-O2" \
			./configure --target=riscv64-linux-musl --prefix="$PREFIX" \
			--syslibdir="$PREFIX/lib" --enable-static --enable-shared --disable-wrapper &&
		make -j"$JOBS" &&
		make install
) >"$LOG" 2>&1; then
	tail -n 30 "$LOG" >&2
	log "build failed"
	exit 1
fi
# The loader name that programs carry in PT_INTERP is libc.so itself.
ln -sf libc.so "$PREFIX/lib/ld-musl-riscv64.so.1"

# 4. Linux UAPI headers beside musl's own headers.
for d in linux asm asm-generic mtd; do
	[ -d "$UAPI/$d" ] && cp -a "$UAPI/$d" "$PREFIX/include/"
done

# The specs file replaces gcc's glibc start files, library paths and loader with musl's.
# Paths come from the environment variable KESTREL_MUSL that the wrapper sets, so the
# tree can be moved.
mkdir -p "$PREFIX/bin"
cat >"$PREFIX/lib/musl-gcc.specs" <<'EOF'
%rename cpp_options kestrel_cpp_options
%rename cc1 kestrel_cc1

*cpp_options:
-nostdinc -isystem %:getenv(KESTREL_MUSL /include) -isystem include%s %(kestrel_cpp_options)

*cc1:
%(kestrel_cc1) -nostdinc -isystem %:getenv(KESTREL_MUSL /include) -isystem include%s

*link_libgcc:
-L %:getenv(KESTREL_MUSL /lib) -L .%s

*libgcc:
-lgcc %{static|static-pie:-lgcc_eh}

*startfile:
%{!shared:%{static:%:getenv(KESTREL_MUSL /lib/crt1.o);static-pie:%:getenv(KESTREL_MUSL /lib/rcrt1.o);!no-pie:%:getenv(KESTREL_MUSL /lib/Scrt1.o);:%:getenv(KESTREL_MUSL /lib/crt1.o)}} %:getenv(KESTREL_MUSL /lib/crti.o) %{static:crtbeginT.o%s;shared|static-pie|!no-pie:crtbeginS.o%s;:crtbegin.o%s}

*endfile:
%{static:crtend.o%s;shared|static-pie|!no-pie:crtendS.o%s;:crtend.o%s} %:getenv(KESTREL_MUSL /lib/crtn.o)

*link:
%{!r:--build-id} %{!static|static-pie:--eh-frame-hdr} -hash-style=gnu -melf64lriscv %{shared:-shared} %{static:-static} %{static-pie:-static -pie --no-dynamic-linker -z text} %{!shared:%{!static:%{!static-pie:%{rdynamic:-export-dynamic} -dynamic-linker /lib/ld-musl-riscv64.so.1}}} -nostdlib

*esp_link:


*esp_options:


*esp_cpp_options:


EOF

cat >"$PREFIX/bin/musl-gcc" <<EOF
#!/bin/sh
# musl-gcc - ${CROSS}gcc with musl's headers, start files and libc (generated by scripts/musl.sh).
# -static: static executable; default: dynamic, PT_INTERP /lib/ld-musl-riscv64.so.1.
KESTREL_MUSL=\$(cd "\$(dirname "\$0")/.." && pwd)
export KESTREL_MUSL
exec "\${REALGCC:-${CROSS}gcc}" "\$@" -specs "\$KESTREL_MUSL/lib/musl-gcc.specs"
EOF
chmod 0755 "$PREFIX/bin/musl-gcc"

# Smoke test: both link modes must work.
t=$(mktemp -d)
printf '#include <stdio.h>\n#include <linux/types.h>\nint main(void){puts("ok");return 0;}\n' >"$t/t.c"
"$PREFIX/bin/musl-gcc" -static -O2 -o "$t/s" "$t/t.c"
"$PREFIX/bin/musl-gcc" -O2 -o "$t/d" "$t/t.c"
rm -rf "$t"

# 5. Done.
touch "$STAMP"
log "installed in $PREFIX"
