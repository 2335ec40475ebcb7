/*
 * cbench.c: ordinary compiled code, built with gcc -O2 for the 386. Each round sorts an array
 * of pseudo-random integers (quicksort with an insertion-sort finish), hashes a buffer (FNV-1a
 * and a table-driven CRC-32), and does string work (decimal formatting, length, comparison,
 * reversal, substring search). Everything it uses it initialises itself, and nothing depends on
 * addresses, so the same object file runs the same instructions under every emulator and as a
 * native 32-bit Linux program, where valgrind counts them (BENCH_INSNS).
 */
#include <stdint.h>

#define ROUNDS 120
#define SORT_N 4096
#define HASH_BYTES 16384
#define STRINGS 256

static uint32_t rng_state;
static int32_t numbers[SORT_N];
static uint8_t buffer[HASH_BYTES];
static uint32_t crc_table[256];
static char pool[STRINGS][16];

static uint32_t rng(void)
{
    rng_state = rng_state * 1103515245u + 12345u;
    return rng_state ^ rng_state >> 15;
}

static void insertion_sort(int32_t *a, int lo, int hi)
{
    for (int i = lo + 1; i <= hi; i++) {
        int32_t v = a[i];
        int j = i - 1;
        while (j >= lo && a[j] > v) {
            a[j + 1] = a[j];
            j--;
        }
        a[j + 1] = v;
    }
}

static void quicksort(int32_t *a, int lo, int hi)
{
    while (hi - lo > 16) {
        int mid = lo + (hi - lo) / 2;
        int32_t pivot = a[mid];
        int i = lo, j = hi;
        while (i <= j) {
            while (a[i] < pivot) {
                i++;
            }
            while (a[j] > pivot) {
                j--;
            }
            if (i <= j) {
                int32_t t = a[i];
                a[i] = a[j];
                a[j] = t;
                i++;
                j--;
            }
        }
        /* Recurse into the smaller half, loop on the larger: the stack stays shallow. */
        if (j - lo < hi - i) {
            quicksort(a, lo, j);
            lo = i;
        } else {
            quicksort(a, i, hi);
            hi = j;
        }
    }
    insertion_sort(a, lo, hi);
}

static uint32_t sort_round(void)
{
    for (int i = 0; i < SORT_N; i++) {
        numbers[i] = (int32_t) rng();
    }
    quicksort(numbers, 0, SORT_N - 1);
    uint32_t sum = 0;
    for (int i = 0; i < SORT_N; i++) {
        sum = sum * 31 + (uint32_t) numbers[i];
    }
    return sum;
}

static void crc_init(void)
{
    for (uint32_t n = 0; n < 256; n++) {
        uint32_t c = n;
        for (int k = 0; k < 8; k++) {
            c = c & 1 ? 0xEDB88320u ^ c >> 1 : c >> 1;
        }
        crc_table[n] = c;
    }
}

static uint32_t hash_round(void)
{
    for (int i = 0; i < HASH_BYTES; i++) {
        buffer[i] = (uint8_t) (rng() >> 8);
    }
    uint32_t fnv = 2166136261u;
    uint32_t crc = 0xFFFFFFFFu;
    for (int i = 0; i < HASH_BYTES; i++) {
        fnv = (fnv ^ buffer[i]) * 16777619u;
        crc = crc_table[(crc ^ buffer[i]) & 0xFF] ^ crc >> 8;
    }
    return fnv ^ ~crc;
}

static int format_decimal(char *out, uint32_t v)
{
    char tmp[12];
    int n = 0;
    do {
        tmp[n++] = (char) ('0' + v % 10);
        v /= 10;
    } while (v != 0);
    for (int i = 0; i < n; i++) {
        out[i] = tmp[n - 1 - i];
    }
    out[n] = 0;
    return n;
}

static int string_length(const char *s)
{
    int n = 0;
    while (s[n]) {
        n++;
    }
    return n;
}

static int string_compare(const char *a, const char *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return (unsigned char) *a - (unsigned char) *b;
}

static void string_reverse(char *s)
{
    int n = string_length(s);
    for (int i = 0, j = n - 1; i < j; i++, j--) {
        char t = s[i];
        s[i] = s[j];
        s[j] = t;
    }
}

static int count_occurrences(const char *hay, const char *needle)
{
    int count = 0;
    for (int i = 0; hay[i]; i++) {
        int k = 0;
        while (needle[k] && hay[i + k] == needle[k]) {
            k++;
        }
        if (!needle[k]) {
            count++;
        }
    }
    return count;
}

static uint32_t string_round(void)
{
    uint32_t sum = 0;
    for (int i = 0; i < STRINGS; i++) {
        sum += (uint32_t) format_decimal(pool[i], rng());
    }
    for (int i = 1; i < STRINGS; i++) {
        int c = string_compare(pool[i - 1], pool[i]);
        sum = sum * 3 + (uint32_t) (c < 0 ? 1 : c > 0 ? 2 : 0);
    }
    for (int i = 0; i < STRINGS; i++) {
        string_reverse(pool[i]);
        sum += (uint32_t) count_occurrences(pool[i], "1") * 7 + (uint32_t) count_occurrences(pool[i], "42");
        sum += (uint32_t) string_length(pool[i]);
    }
    return sum;
}

/* The checksum in EAX and 0 in EDX, as start.S expects. */
uint64_t bench_main(void)
{
    rng_state = 2463534242u;
    crc_init();
    uint32_t sum = 0;
    for (int r = 0; r < ROUNDS; r++) {
        sum = (sum << 5 | sum >> 27) ^ sort_round();
        sum = (sum << 5 | sum >> 27) ^ hash_round();
        sum = (sum << 5 | sum >> 27) ^ string_round();
    }
    return sum;
}
