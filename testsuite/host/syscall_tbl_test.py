#!/usr/bin/env python3
"""syscall_tbl_test.py - check the generated syscall numbers against the Linux UAPI headers.

Usage: testsuite/host/syscall_tbl_test.py [GENDIR]      (default build/gen; run by make host-test)

The reference is what a riscv64 program sees: <asm/unistd.h> of the riscv64 cross headers
(package linux-libc-dev-riscv64-cross), expanded by riscv64-linux-gnu-gcc -dM -E, or by the
host cpp with the riscv64 include directory when the cross compiler is absent. Prints TAP lines
and "# P passed, F failed"; exits 1 on any failure.
"""
import os
import re
import shutil
import subprocess
import sys

UAPI = "/usr/riscv64-linux-gnu/include"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SPOT = {"io_setup": 0, "getcwd": 17, "dup3": 24, "fcntl": 25, "ioctl": 29, "openat": 56,
        "close": 57, "lseek": 62, "read": 63, "write": 64, "writev": 66, "newfstatat": 79,
        "fstat": 80, "exit": 93, "exit_group": 94, "set_tid_address": 96, "futex": 98,
        "kill": 129, "rt_sigaction": 134, "rt_sigreturn": 139, "reboot": 142, "uname": 160,
        "getpid": 172, "gettid": 178, "brk": 214, "munmap": 215, "clone": 220, "execve": 221,
        "mmap": 222, "mprotect": 226, "riscv_flush_icache": 259, "wait4": 260,
        "prlimit64": 261, "getrandom": 278, "statx": 291, "rseq": 293, "clone3": 435,
        "close_range": 436, "futex_waitv": 449, "set_mempolicy_home_node": 450}

passed = failed = 0


def ok(cond, name, detail=""):
    global passed, failed
    if cond:
        passed += 1
        print(f"ok {passed + failed} - {name}")
    else:
        failed += 1
        print(f"not ok {passed + failed} - {name}")
        for line in detail.splitlines():
            print(f"#   {line}")


def macros(text):
    out = {}
    for m in re.finditer(r"^#define\s+(__NR\w*|NR_SYSCALLS)\s+(.+?)\s*$", text, re.M):
        out[m.group(1)] = m.group(2)
    return out


def resolve(defs):
    """Evaluate NAME -> integer through chains like __NR_fcntl -> __NR3264_fcntl -> 25 and
    sums like (__NR_arch_specific_syscall + 15)."""
    vals = {}

    def value(name, depth=0):
        if name in vals:
            return vals[name]
        expr = defs[name]
        if depth > 20:
            raise ValueError(name)
        expr = re.sub(r"\b(__NR\w*)\b", lambda m: str(value(m.group(1), depth + 1)), expr)
        if not re.fullmatch(r"[\d\s()+]+", expr):
            raise ValueError(f"{name}: {defs[name]}")
        vals[name] = eval(expr)  # digits, blanks, parentheses and + only
        return vals[name]

    for n in defs:
        value(n)
    return vals


def uapi_numbers():
    src = "#include <asm/unistd.h>\n"
    if shutil.which("riscv64-linux-gnu-gcc"):
        cmd = ["riscv64-linux-gnu-gcc", "-dM", "-E", "-"]
    else:
        cmd = ["cpp", "-dM", "-nostdinc", "-I", UAPI, "-D__riscv", "-D__riscv_xlen=64",
               "-D__LP64__", "-"]
    r = subprocess.run(cmd, input=src, capture_output=True, text=True)
    if r.returncode:
        raise RuntimeError(f"{' '.join(cmd)}: {r.stderr.strip()}")
    return resolve(macros(r.stdout))


def main():
    gen = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build", "gen")
    if not os.path.isfile(os.path.join(UAPI, "asm-generic", "unistd.h")):
        print(f"1..0 # SKIP no {UAPI}/asm-generic/unistd.h (linux-libc-dev-riscv64-cross)")
        return 0
    with open(os.path.join(gen, "syscall_nr.h"), encoding="utf-8") as f:
        raw = macros(f.read())
    ours = {k[5:]: int(v) for k, v in raw.items() if k.startswith("__NR_")}
    nr_syscalls = int(raw.get("NR_SYSCALLS", "-1"))
    linux_all = uapi_numbers()
    linux = {k[5:]: v for k, v in linux_all.items()
             if k.startswith("__NR_") and k not in ("__NR_syscalls", "__NR_arch_specific_syscall")}

    nums = list(ours.values())
    ok(len(set(nums)) == len(nums), "numbers are unique",
       "\n".join(f"{n} used twice" for n in sorted(set(nums)) if nums.count(n) > 1))
    ok(nums == sorted(nums), "numbers are in ascending order")
    ok(nr_syscalls == linux_all.get("__NR_syscalls"), "NR_SYSCALLS equals __NR_syscalls",
       f"ours {nr_syscalls}, Linux {linux_all.get('__NR_syscalls')}")
    ok(nr_syscalls == max(nums) + 1, "NR_SYSCALLS is the highest number + 1")
    missing = sorted(set(linux) - set(ours), key=lambda n: linux[n])
    ok(not missing, "every riscv64 syscall is in the table",
       "\n".join(f"missing {n} ({linux[n]})" for n in missing))
    extra = sorted(set(ours) - set(linux), key=lambda n: ours[n])
    ok(not extra, "no name that riscv64 Linux lacks",
       "\n".join(f"extra {n} ({ours[n]})" for n in extra))
    wrong = [n for n in ours if n in linux and ours[n] != linux[n]]
    ok(not wrong, "every number equals the UAPI one",
       "\n".join(f"{n}: ours {ours[n]}, Linux {linux[n]}" for n in wrong))
    by_nr = {}
    for n, v in linux.items():
        by_nr.setdefault(v, set()).add(n)
    holes = [v for v in by_nr if not any(n in ours for n in by_nr[v])]
    ok(not holes, "every number Linux uses has a table entry",
       "\n".join(f"number {v} ({', '.join(sorted(by_nr[v]))})" for v in sorted(holes)))
    for name, nr in SPOT.items():
        ok(ours.get(name) == nr, f"{name} is {nr}", f"table says {ours.get(name)}")
    print(f"# {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
