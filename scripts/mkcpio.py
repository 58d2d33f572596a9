#!/usr/bin/env python3
"""mkcpio.py - write an initramfs (cpio "newc", the format the kernel unpacks) from a list.

Usage: scripts/mkcpio.py LIST > initrd.cpio

LIST has one entry a line (blank lines and lines starting with # are skipped):
    dir   PATH MODE UID GID
    file  PATH HOSTFILE MODE UID GID
    nod   PATH MODE UID GID c|b MAJOR MINOR
    slink PATH TARGET MODE UID GID
MODE is octal permission bits. Every entry gets mtime 0 and an inode number from its position,
so the same list and the same files always give the same bytes, and device nodes need no root.
Parents are not created implicitly: list them first. Only the Python standard library is used.
"""
import stat
import sys


class ListError(Exception):
    pass


def header(ino, mode, uid, gid, nlink, size, rmaj, rmin, name):
    fields = [ino, mode, uid, gid, nlink, 0, size, 0, 0, rmaj, rmin, len(name) + 1, 0]
    return b"070701" + b"".join(b"%08x" % f for f in fields)


def pad4(n):
    return b"\0" * (-n % 4)


def entry(out, ino, mode, uid, gid, name, data=b"", rdev=(0, 0), nlink=1):
    name_b = name.lstrip("/").encode() or b"."
    h = header(ino, mode, uid, gid, nlink, len(data), rdev[0], rdev[1], name_b)
    out.append(h + name_b + b"\0" + pad4(len(h) + len(name_b) + 1))
    out.append(data + pad4(len(data)))


def build(lines):
    out = []
    ino = 721
    for lineno, line in enumerate(lines, 1):
        t = line.split()
        if not t or t[0].startswith("#"):
            continue
        kind = t[0]
        try:
            if kind == "dir" and len(t) == 5:
                entry(out, ino, stat.S_IFDIR | int(t[2], 8), int(t[3]), int(t[4]), t[1], nlink=2)
            elif kind == "file" and len(t) == 6:
                with open(t[2], "rb") as f:
                    data = f.read()
                entry(out, ino, stat.S_IFREG | int(t[3], 8), int(t[4]), int(t[5]), t[1], data)
            elif kind == "nod" and len(t) == 8 and t[5] in ("c", "b"):
                fmt = stat.S_IFCHR if t[5] == "c" else stat.S_IFBLK
                entry(out, ino, fmt | int(t[2], 8), int(t[3]), int(t[4]), t[1],
                      rdev=(int(t[6]), int(t[7])))
            elif kind == "slink" and len(t) == 6:
                entry(out, ino, stat.S_IFLNK | int(t[3], 8), int(t[4]), int(t[5]), t[1],
                      t[2].encode())
            else:
                raise ListError(f"line {lineno}: cannot read '{line.strip()}'")
        except (ValueError, OSError) as e:
            raise ListError(f"line {lineno}: {e}")
        ino += 1
    entry(out, 0, 0, 0, 0, "TRAILER!!!")
    blob = b"".join(out)
    return blob + b"\0" * (-len(blob) % 512)


def main(argv):
    if len(argv) != 2:
        sys.stderr.write(__doc__.split("\n\n")[1] + "\n")
        return 2
    try:
        with open(argv[1], encoding="utf-8") as f:
            blob = build(f.readlines())
    except (ListError, OSError) as e:
        sys.stderr.write(f"mkcpio: {e}\n")
        return 1
    sys.stdout.buffer.write(blob)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
