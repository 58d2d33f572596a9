# cases.sh - BusyBox applets as a competition judge runs them: each case is one command line,
# run by the shell in a scratch directory, and reported as
#     testcase busybox <command line> success|fail
# by its exit status (0 = success). Only those lines are printed, so that the output is the
# same on every kernel that runs the applets correctly; testsuite/busybox/run.sh compares it
# with the reference Linux. Run as: busybox sh cases.sh (busybox at /bin/busybox).

export PATH=/bin
/bin/busybox --install -s /bin || exit 1
cd /tmp || exit 1
busybox mkdir -p bbtest && cd bbtest || exit 1

t() {
	if eval "$1" >/dev/null 2>&1; then
		echo "testcase busybox $1 success"
	else
		echo "testcase busybox $1 fail"
	fi
}

# Independent commands.
t 'busybox echo "#### independent command test"'
t 'busybox ash -c exit'
t 'busybox sh -c exit'
t 'busybox basename /aaa/bbb'
t 'busybox cal'
t 'busybox clear'
t 'busybox date'
t 'busybox df'
t 'busybox dirname /aaa/bbb'
t 'busybox dmesg'
t 'busybox du'
t 'busybox expr 1 + 1'
t '! busybox false'
t 'busybox true'
t 'busybox which ls'
t 'busybox uname'
t 'busybox uptime'
t 'busybox printf "abc\n"'
t 'busybox ps'
t 'busybox pwd'
t 'busybox free'
t 'busybox hwclock'
t 'busybox kill -0 $$'
t 'busybox ls'
t 'busybox sleep 1'
t 'busybox env'
t 'busybox id'
t 'busybox seq 1 5'
t 'busybox nproc'

# Files.
t 'busybox echo "#### file operation test"'
t 'busybox touch test.txt'
t 'busybox echo "hello world" > test.txt'
t 'busybox cat test.txt'
t 'busybox cut -c 3 test.txt'
t 'busybox od test.txt'
t 'busybox head test.txt'
t 'busybox tail test.txt'
t 'busybox hexdump -C test.txt'
t 'busybox md5sum test.txt'
t 'busybox echo "ccccccc" >> test.txt'
t 'busybox echo "bbbbbbb" >> test.txt'
t 'busybox echo "aaaaaaa" >> test.txt'
t 'busybox echo "2222222" >> test.txt'
t 'busybox echo "1111111" >> test.txt'
t 'busybox echo "bbbbbbb" >> test.txt'
t 'busybox sort test.txt | busybox uniq'
t 'busybox stat test.txt'
t 'busybox strings test.txt'
t 'busybox wc test.txt'
t '[ -f test.txt ]'
t 'busybox more test.txt'
t 'busybox grep hello test.txt'
t 'busybox sed -n 2p test.txt'
t 'busybox awk "{ n++ } END { print n }" test.txt'
t 'busybox cp test.txt test.bak'
t 'busybox cmp test.txt test.bak'
t 'busybox diff test.txt test.bak'
t 'busybox ln -s test.txt link.txt'
t 'busybox readlink link.txt'
t 'busybox chmod 600 test.txt'
t 'busybox find . -name "test.txt"'
t 'busybox tar -cf t.tar test.txt test.bak'
t 'busybox tar -tf t.tar'
t 'busybox gzip test.bak'
t 'busybox gunzip test.bak.gz'
t 'busybox xargs echo < test.txt'
t 'busybox yes | busybox head -n 3'
t 'busybox rm test.txt test.bak link.txt t.tar'
t 'busybox mkdir test_dir'
t 'busybox mv test_dir test'
t 'busybox rmdir test'

# The shell itself.
t 'busybox sh -c "for i in 1 2 3; do echo \$i; done"'
t 'busybox sh -c "x=\$(echo sub); [ \$x = sub ]"'
t 'busybox sh -c "echo a | busybox cat | busybox wc -c"'
t 'busybox sh -c "(exit 3); [ \$? = 3 ]"'
t 'busybox sh -c "busybox sleep 10 & kill \$!; wait \$!; [ \$? = 143 ]"'

# Processes through /proc.
t 'busybox echo "#### /proc test"'
t 'busybox ps | busybox grep -q "busybox ps"'
t 'busybox ps -o pid,ppid,stat,comm,args | busybox grep -q "busybox ps -o"'
t 'busybox top -n 1 -b | busybox grep -q "top -n 1 -b"'
t 'busybox uptime | busybox grep -q "load average"'
t 'busybox free | busybox grep -q "Mem:"'
t 'busybox pidof busybox'
t 'busybox test -d /proc/$$'
t 'busybox cat /proc/$$/stat /proc/$$/status /proc/$$/cmdline /proc/$$/comm'
t 'busybox grep -q "^Name:" /proc/self/status'
t 'busybox readlink /proc/$$/exe'
t 'busybox ls /proc/$$/fd'
t 'busybox cat /proc/self/maps | busybox grep -q "\[stack\]"'
t 'busybox cat /proc/uptime /proc/loadavg /proc/version /proc/cpuinfo /proc/stat'
t 'sleep 10 & busybox sleep 1; busybox killall sleep'
t 'busybox sh -c "sleep 10 & busybox sleep 1; busybox pidof sleep; r=\$?; kill \$!; [ \$r = 0 ]"'
t 'busybox sh -c "busybox sleep 10 & busybox pidof -s nosuchprogram; r=\$?; kill \$!; [ \$r = 1 ]"'
