#!/usr/bin/env bash
# Builds the benchmark ROMs (bench/src), runs each under Jinx and under the reference emulators
# that are installed (QEMU TCG, QEMU -icount shift=0, Bochs), one at a time, and prints a table
# of MIPS and of Jinx's ratio to each peer. docs/performance.md explains the method.
#
#   bench/run.sh                       everything, default repetitions
#   bench/run.sh --quick               one timed run each (a smoke test, not a measurement)
#   bench/run.sh --images "tight mixed" --runs 5 --peer-runs 3 --no-bochs --no-qemu
#   bench/run.sh --clock wall          time with the wall clock instead of CPU time
#
# Jinx runs in one JVM per image (jinx bench: warm-up runs, then timed runs, median of the
# in-process MIPS), with cycle accounting on and, in a second column, off. A peer's MIPS is
# the image's known instruction count over the median time of --peer-runs runs, less the
# median time of the null image (start-up and exit only) under the same peer. The time is CPU
# time by default (user + system of the peer's process; the guest thread's CPU time for Jinx),
# which stays meaningful on a machine that other work keeps busy; --clock wall uses wall time.
# Every image must print the same checksum everywhere, and Jinx must retire exactly the number
# of instructions the image is built to run: otherwise the run fails.
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
src="$root/bench/src"
out="$root/bench/target"
jar="$root/tools/target/jinx.jar"

images="tight mixed paging cbench irq"
runs=5
warmup=2
peer_runs=3
use_qemu=1
use_bochs=1
use_nocycles=1
clock=cpu
java_opts=${JINX_BENCH_JAVA_OPTS:-}

usage() {
    sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    exit 2
}

while (($#)); do
    case $1 in
    --images) images=$2; shift ;;
    --runs) runs=$2; shift ;;
    --warmup) warmup=$2; shift ;;
    --peer-runs) peer_runs=$2; shift ;;
    --quick) runs=1; warmup=1; peer_runs=1 ;;
    --clock) clock=$2; shift ;;
    --no-qemu) use_qemu=0 ;;
    --no-bochs) use_bochs=0 ;;
    --no-nocycles) use_nocycles=0 ;;
    -h | --help) usage ;;
    *) echo "bench/run.sh: unknown option $1" >&2; usage ;;
    esac
    shift
done
[[ $clock == cpu || $clock == wall ]] || { echo "bench/run.sh: --clock is cpu or wall" >&2; exit 2; }

die() {
    echo "bench/run.sh: $*" >&2
    exit 1
}

have() { command -v "$1" >/dev/null 2>&1; }

# ------------------------------------------------------------------ build

mkdir -p "$out"
CFLAGS="-m32 -march=i386 -ffreestanding -fno-pic -fno-pie -fno-stack-protector -fno-asynchronous-unwind-tables
        -nostdlib -O2 -fno-builtin -fno-tree-loop-distribute-patterns -mstringop-strategy=loop"

build() {
    local name=$1 obj
    as --32 -o "$out/start.o" "$src/start.S"
    if [[ -f $src/$name.c ]]; then
        obj="$out/$name.o"
        # shellcheck disable=SC2086
        gcc $CFLAGS -c -o "$obj" "$src/$name.c"
    else
        obj="$out/$name.o"
        as --32 -o "$obj" "$src/$name.S"
    fi
    ld -m elf_i386 --no-warn-rwx-segments -T "$src/rom.ld" -o "$out/$name.elf" "$out/start.o" "$obj"
    objcopy -O binary "$out/$name.elf" "$out/$name.bin"
}

symbol() { # symbol ELF NAME -> decimal value of an absolute symbol, or empty
    local hex
    hex=$(nm "$1" | awk -v s="$2" '$3 == s { print $1 }')
    if [[ -n $hex ]]; then
        echo $((16#$hex))
    fi
}

# Instructions bench_main runs in a C image: the same object linked as a 32-bit Linux program,
# counted by valgrind's lackey (its total less the four instructions of native.S). Cached by
# the object's hash, since it takes a few seconds.
c_count() {
    local name=$1 hash cache
    hash=$(sha256sum "$out/$name.o" | cut -c1-16)
    cache="$out/$name.count.$hash"
    if [[ ! -f $cache ]]; then
        have valgrind || { echo ""; return; }
        gcc -m32 -nostdlib -static -o "$out/$name.native" "$src/native.S" "$out/$name.o"
        valgrind --tool=lackey "$out/$name.native" 2>&1 \
            | sed -n 's/.*guest instrs: *\([0-9,]*\).*/\1/p' | tr -d , | head -n 1 >"$cache.tmp"
        echo $(($(cat "$cache.tmp") - 4)) >"$cache"
        rm -f "$cache.tmp"
    fi
    cat "$cache"
}

expected_count() { # the instructions an image retires up to its OUT to port 0xF4, less ticks
    local name=$1 elf="$out/$1.elf" body
    body=$(symbol "$elf" BENCH_INSNS)
    if [[ -z $body ]]; then
        body=$(c_count "$name")
    fi
    [[ -n $body ]] || { echo ""; return; }
    echo $(($(symbol "$elf" START_INSNS) + body + $(symbol "$elf" EXIT_INSNS)))
}

"$root/jinx" --version >/dev/null || die "building $jar failed" # rebuilds the jar when stale
for name in null $images; do
    build "$name"
done

# ------------------------------------------------------------------ runners

now() { date +%s%N; }

median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# Each peer runner: run_PEER IMAGE -> prints the guest's console line; status checked by caller.
QEMU_COMMON=(-m 32 -display none -monitor none -no-reboot -nodefaults -chardev stdio,id=dbg
    -device isa-debugcon,iobase=0xe9,chardev=dbg -device isa-debug-exit,iobase=0xf4,iosize=0x04)
run_qemu() { timeout 600 qemu-system-i386 -bios "$out/$1.bin" "${QEMU_COMMON[@]}" || true; }
run_qemu_icount() { timeout 600 qemu-system-i386 -icount shift=0 -bios "$out/$1.bin" "${QEMU_COMMON[@]}" || true; }
run_bochs() {
    cat >"$out/bochsrc.$1" <<EOF
megs: 32
romimage: file=$out/$1.bin
vgaromimage: file=/usr/share/bochs/VGABIOS-lgpl-latest
display_library: rfb, options="timeout=0"
cpu: model=bx_generic, count=1, ips=50000000
clock: sync=none
port_e9_hack: enabled=1
speaker: enabled=0
log: /dev/null
panic: action=fatal
error: action=ignore
info: action=ignore
debug: action=ignore
EOF
    echo c >"$out/bochs.rc"
    # unshare -n: no network, so the rfb display's port is never reachable.
    (cd "$out" && timeout 600 unshare -n bochs -q -f "bochsrc.$1" -rc bochs.rc 2>&1) | grep -a '^checksum=' || true
}

peers=()
if ((use_qemu)) && have qemu-system-i386; then
    peers+=(qemu qemu_icount)
fi
if ((use_bochs)) && have bochs && [[ -f /usr/share/bochs/VGABIOS-lgpl-latest ]]; then
    peers+=(bochs)
fi
peer_title() {
    case $1 in
    qemu) echo "QEMU TCG" ;; qemu_icount) echo "QEMU icount" ;; bochs) echo "Bochs" ;;
    esac
}

declare -A wall checksum
time_peer() { # time_peer PEER IMAGE -> sets wall[PEER.IMAGE] (ns, median) and checksum[PEER.IMAGE]
    local peer=$1 name=$2 t0 t1 line times=() cpu
    for ((i = 0; i < peer_runs; i++)); do
        t0=$(now)
        # bash's time keyword reports the CPU time of the children (the peer and its threads).
        cpu=$( { TIMEFORMAT='%3U %3S'; time "run_$peer" "$name" >"$out/peer.out" 2>/dev/null; } 2>&1 )
        t1=$(now)
        line=$(grep -a -m1 '^checksum=' "$out/peer.out" || true)
        if [[ $clock == wall ]]; then
            times+=($((t1 - t0)))
        else
            times+=("$(awk -v u="${cpu% *}" -v s="${cpu#* }" 'BEGIN { printf "%d", (u + s) * 1e9 }')")
        fi
    done
    wall[$peer.$name]=$(printf '%s\n' "${times[@]}" | median)
    checksum[$peer.$name]=${line%% aux=*}
}

jinx_bench() { # jinx_bench IMAGE [--no-cycles] -> "instructions mips output"
    # shellcheck disable=SC2086
    java $java_opts -jar "$jar" bench --bios "$out/$1.bin" --runs "$runs" --warmup "$warmup" "${@:2}" 2>/dev/null
}

# ------------------------------------------------------------------ measure

fail=0
declare -A jmips jmips_nc jinsns
echo "Measuring ($clock time): images [$images], Jinx $warmup warm-up + $runs runs, peers [${peers[*]:-none}] x $peer_runs runs" >&2
for peer in "${peers[@]}"; do
    time_peer "$peer" null
done
for name in $images; do
    report=$(jinx_bench "$name") || die "jinx bench failed on $name"
    jinsns[$name]=$(sed -n 's/^instructions //p' <<<"$report")
    jmips[$name]=$(sed -n "s/^median_mips_$clock //p" <<<"$report")
    jline=$(sed -n 's/^output //p' <<<"$report")
    checksum[jinx.$name]=${jline%% aux=*}
    aux=$((16#${jline##*aux=}))
    expected=$(expected_count "$name")
    if [[ -n $expected ]]; then
        handler=$(symbol "$out/$name.elf" HANDLER_INSNS)
        expected=$((expected + aux * ${handler:-0}))
        if [[ ${jinsns[$name]} != "$expected" ]]; then
            echo "FAIL $name: Jinx retired ${jinsns[$name]} instructions, the image is built to run $expected" >&2
            fail=1
        fi
    else
        echo "note: $name: no valgrind, so its instruction count is not checked" >&2
    fi
    if ((use_nocycles)); then
        report=$(jinx_bench "$name" --no-cycles) || die "jinx bench --no-cycles failed on $name"
        jmips_nc[$name]=$(sed -n "s/^median_mips_$clock //p" <<<"$report")
    fi
    for peer in "${peers[@]}"; do
        time_peer "$peer" "$name"
        if [[ ${checksum[$peer.$name]} != "${checksum[jinx.$name]}" ]]; then
            echo "FAIL $name: $(peer_title "$peer") printed '${checksum[$peer.$name]}', Jinx '${checksum[jinx.$name]}'" >&2
            fail=1
        fi
    done
done

# ------------------------------------------------------------------ table

peer_mips() { # instructions, wall ns, null wall ns
    awk -v n="$1" -v w="$2" -v z="$3" 'BEGIN { d = w - z; if (d <= 0) print "n/a"; else printf "%.1f", n / d * 1000 }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == "n/a" || b <= 0) print "n/a"; else printf "%.2f", a / b }'; }

{
    printf '| image | Minsns | Jinx | Jinx, no cycles |'
    for peer in "${peers[@]}"; do printf ' %s |' "$(peer_title "$peer")"; done
    for peer in "${peers[@]}"; do printf ' Jinx / %s |' "$(peer_title "$peer")"; done
    printf ' checksum |\n|---|---:|---:|---:|'
    for peer in "${peers[@]}"; do printf -- '---:|---:|'; done
    printf -- '---|\n'
    for name in $images; do
        printf '| %s | %.1f | %.1f | %s |' "$name" "$(awk -v n="${jinsns[$name]}" 'BEGIN { print n / 1e6 }')" \
            "${jmips[$name]}" "${jmips_nc[$name]:-n/a}"
        declare -A pm=()
        for peer in "${peers[@]}"; do
            pm[$peer]=$(peer_mips "${jinsns[$name]}" "${wall[$peer.$name]}" "${wall[$peer.null]}")
            printf ' %s |' "${pm[$peer]}"
        done
        for peer in "${peers[@]}"; do printf ' %s |' "$(ratio "${jmips[$name]}" "${pm[$peer]}")"; done
        printf ' %s |\n' "${checksum[jinx.$name]#checksum=}"
        unset pm
    done
}
((fail == 0)) || die "some checks failed (see above)"
