// Multi-lane md5crypt (Poul-Henning Kamp's FreeBSD MD5 crypt, `$1$`, Cisco type 5).
//
// md5crypt is a setup (three short MD5 computations) followed by 1000 rounds, each one MD5 of a
// message built from the password, the salt and the previous digest. Which of those a round
// includes depends only on the round number (odd or even, divisible by 3, divisible by 7), so the
// layout of a round's message depends only on the password and salt lengths. Candidates of equal
// length therefore run in lockstep: the setup is done per candidate in plain C, the rounds by a
// kernel that hashes LANES candidates per instruction (8 with AVX2, 16 with AVX-512, 1 scalar).
#include "cfasthash.h"
#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define CFH_X86 1
#endif

// Longest round message: digest (16) + salt (8) + password twice, plus padding and length.
#define MD5C_MAX_BLOCKS ((16 + 8 + 2 * CFH_MD5CRYPT_MAX_LENGTH + 9 + 63) / 64)
#define MD5C_MAX_WORDS (MD5C_MAX_BLOCKS * 16)
#define MD5C_MAX_LANES 16

/// Where a round pattern's message puts the previous digest, and how many blocks it takes.
struct md5c_pattern {
    unsigned blocks;
    unsigned word;  // index of the message word holding the digest's first byte
    unsigned shift; // bit offset of that byte inside the word (0, 8, 16 or 24)
};

// MARK: - Scalar MD5 for the setup

typedef struct {
    uint32_t h[4];
    uint64_t length;
    uint8_t buffer[64];
    size_t used;
} md5_ctx;

static inline uint32_t rotl32(uint32_t x, unsigned n) { return (x << n) | (x >> (32u - n)); }
static inline uint32_t load_le32(const uint8_t *p) {
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

#define LANES 1
#define V uint32_t
#define V_LOAD(p) (*(p))
#define V_STORE(p, v) (*(p) = (v))
#define V_SET1(x) ((uint32_t)(x))
#define V_ADD(a, b) ((a) + (b))
#define V_OR(a, b) ((a) | (b))
#define V_F(b, c, d) ((d) ^ ((b) & ((c) ^ (d))))
#define V_G(b, c, d) ((c) ^ ((d) & ((b) ^ (c))))
#define V_H(b, c, d) ((b) ^ (c) ^ (d))
#define V_I(b, c, d) ((c) ^ ((b) | ~(d)))
#define V_ROTL(x, n) rotl32((x), (n))
#define V_SHL(x, n) ((x) << (n))
#define V_SHR(x, n) ((x) >> (n))
#define FN(name) name##_scalar
#include "md5crypt_lanes.h"
#undef LANES
#undef V
#undef V_LOAD
#undef V_STORE
#undef V_SET1
#undef V_ADD
#undef V_OR
#undef V_F
#undef V_G
#undef V_H
#undef V_I
#undef V_ROTL
#undef V_SHL
#undef V_SHR
#undef FN

static void md5_init(md5_ctx *c) {
    c->h[0] = 0x67452301u;
    c->h[1] = 0xefcdab89u;
    c->h[2] = 0x98badcfeu;
    c->h[3] = 0x10325476u;
    c->length = 0;
    c->used = 0;
}

static void md5_block(md5_ctx *c, const uint8_t *p) {
    uint32_t x[16];
    for (int i = 0; i < 16; i++) x[i] = load_le32(p + 4 * i);
    md5_compress_scalar(c->h, x);
}

static void md5_update(md5_ctx *c, const uint8_t *p, size_t n) {
    c->length += n;
    while (n > 0) {
        size_t take = 64 - c->used < n ? 64 - c->used : n;
        memcpy(c->buffer + c->used, p, take);
        c->used += take;
        p += take;
        n -= take;
        if (c->used == 64) {
            md5_block(c, c->buffer);
            c->used = 0;
        }
    }
}

static void md5_final(md5_ctx *c, uint8_t out[16]) {
    uint64_t bits = c->length * 8;
    uint8_t pad = 0x80;
    md5_update(c, &pad, 1);
    uint8_t zero = 0;
    while (c->used != 56) md5_update(c, &zero, 1);
    uint8_t len[8];
    for (int i = 0; i < 8; i++) len[i] = (uint8_t)(bits >> (8 * i));
    md5_update(c, len, 8);
    for (int i = 0; i < 4; i++) {
        out[4 * i] = (uint8_t)c->h[i];
        out[4 * i + 1] = (uint8_t)(c->h[i] >> 8);
        out[4 * i + 2] = (uint8_t)(c->h[i] >> 16);
        out[4 * i + 3] = (uint8_t)(c->h[i] >> 24);
    }
}

// MARK: - Vector kernels

#if CFH_X86
#if defined(__clang__)
#pragma clang attribute push(__attribute__((target("avx2"))), apply_to = function)
#else
#pragma GCC push_options
#pragma GCC target("avx2")
#endif
#define LANES 8
#define V __m256i
#define V_LOAD(p) _mm256_load_si256((const __m256i *)(const void *)(p))
#define V_STORE(p, v) _mm256_store_si256((__m256i *)(void *)(p), (v))
#define V_SET1(x) _mm256_set1_epi32((int)(x))
#define V_ADD(a, b) _mm256_add_epi32((a), (b))
#define V_OR(a, b) _mm256_or_si256((a), (b))
#define V_XOR(a, b) _mm256_xor_si256((a), (b))
#define V_F(b, c, d) V_XOR((d), _mm256_and_si256((b), V_XOR((c), (d))))
#define V_G(b, c, d) V_XOR((c), _mm256_and_si256((d), V_XOR((b), (c))))
#define V_H(b, c, d) V_XOR(V_XOR((b), (c)), (d))
#define V_I(b, c, d) V_XOR((c), V_OR((b), V_XOR((d), _mm256_set1_epi32(-1))))
#define V_ROTL(x, n) V_OR(_mm256_slli_epi32((x), (n)), _mm256_srli_epi32((x), 32 - (n)))
#define V_SHL(x, n) _mm256_sll_epi32((x), _mm_cvtsi32_si128((int)(n)))
#define V_SHR(x, n) _mm256_srl_epi32((x), _mm_cvtsi32_si128((int)(n)))
#define FN(name) name##_avx2
#include "md5crypt_lanes.h"
#undef LANES
#undef V
#undef V_LOAD
#undef V_STORE
#undef V_SET1
#undef V_ADD
#undef V_OR
#undef V_XOR
#undef V_F
#undef V_G
#undef V_H
#undef V_I
#undef V_ROTL
#undef V_SHL
#undef V_SHR
#undef FN
#if defined(__clang__)
#pragma clang attribute pop
#else
#pragma GCC pop_options
#endif

#if defined(__clang__)
#pragma clang attribute push(__attribute__((target("avx512f"))), apply_to = function)
#else
#pragma GCC push_options
#pragma GCC target("avx512f")
#endif
#define LANES 16
#define V __m512i
#define V_LOAD(p) _mm512_load_si512((const void *)(p))
#define V_STORE(p, v) _mm512_store_si512((void *)(p), (v))
#define V_SET1(x) _mm512_set1_epi32((int)(x))
#define V_ADD(a, b) _mm512_add_epi32((a), (b))
#define V_OR(a, b) _mm512_or_si512((a), (b))
// One ternary-logic instruction per boolean function; the immediates are the truth tables.
#define V_F(b, c, d) _mm512_ternarylogic_epi32((b), (c), (d), 0xca)
#define V_G(b, c, d) _mm512_ternarylogic_epi32((b), (c), (d), 0xe4)
#define V_H(b, c, d) _mm512_ternarylogic_epi32((b), (c), (d), 0x96)
#define V_I(b, c, d) _mm512_ternarylogic_epi32((b), (c), (d), 0x39)
#define V_ROTL(x, n) _mm512_rol_epi32((x), (n))
#define V_SHL(x, n) _mm512_sll_epi32((x), _mm_cvtsi32_si128((int)(n)))
#define V_SHR(x, n) _mm512_srl_epi32((x), _mm_cvtsi32_si128((int)(n)))
#define FN(name) name##_avx512
#include "md5crypt_lanes.h"
#undef LANES
#undef V
#undef V_LOAD
#undef V_STORE
#undef V_SET1
#undef V_ADD
#undef V_OR
#undef V_F
#undef V_G
#undef V_H
#undef V_I
#undef V_ROTL
#undef V_SHL
#undef V_SHR
#undef FN
#if defined(__clang__)
#pragma clang attribute pop
#else
#pragma GCC pop_options
#endif
#endif

int cfh_md5crypt_lanes(int level) {
    switch (cfh_effective_level(level)) {
    case CFH_LEVEL_AVX512: return 16;
    case CFH_LEVEL_AVX2: return 8;
    default: return 1;
    }
}

// MARK: - Setup, round templates and batching

static const char crypt_alphabet[] = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

static int in_crypt_alphabet(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '/';
}

/// md5crypt's "final" digest before the 1000 rounds.
static void md5crypt_setup(const uint8_t *pw, size_t length, const uint8_t *salt, size_t salt_length, uint8_t out[16]) {
    md5_ctx alt;
    uint8_t alternate[16];
    md5_init(&alt);
    md5_update(&alt, pw, length);
    md5_update(&alt, salt, salt_length);
    md5_update(&alt, pw, length);
    md5_final(&alt, alternate);

    md5_ctx ctx;
    md5_init(&ctx);
    md5_update(&ctx, pw, length);
    md5_update(&ctx, (const uint8_t *)"$1$", 3);
    md5_update(&ctx, salt, salt_length);
    for (size_t left = length; left > 0; left -= left > 16 ? 16 : left) {
        md5_update(&ctx, alternate, left > 16 ? 16 : left);
    }
    // The classic quirk: a zero byte for each set bit of the length, else the first password byte.
    const uint8_t zero = 0;
    for (size_t bits = length; bits; bits >>= 1) {
        md5_update(&ctx, (bits & 1) ? &zero : pw, 1);
    }
    md5_final(&ctx, out);
}

/// Lays out the eight round patterns for one lane: message bytes with a zero hole where the
/// digest goes, MD5 padding and the bit length, stored as words at templates[p][word][lane].
static void md5crypt_templates(uint32_t *templates, struct md5c_pattern *patterns, int lanes, int lane,
                               const uint8_t *pw, size_t length, const uint8_t *salt, size_t salt_length) {
    for (unsigned p = 0; p < 8; p++) {
        uint8_t message[MD5C_MAX_BLOCKS * 64];
        memset(message, 0, sizeof message);
        size_t at = 0, hole = 0;
        int odd = p & 1, with_salt = (p & 2) != 0, twice = (p & 4) != 0;
        if (odd) {
            memcpy(message + at, pw, length);
            at += length;
        } else {
            hole = at;
            at += 16;
        }
        if (with_salt) {
            memcpy(message + at, salt, salt_length);
            at += salt_length;
        }
        if (twice) {
            memcpy(message + at, pw, length);
            at += length;
        }
        if (odd) {
            hole = at;
            at += 16;
        } else {
            memcpy(message + at, pw, length);
            at += length;
        }
        message[at] = 0x80;
        unsigned blocks = (unsigned)((at + 9 + 63) / 64);
        uint64_t bits = (uint64_t)at * 8;
        for (int i = 0; i < 8; i++) message[blocks * 64 - 8 + (unsigned)i] = (uint8_t)(bits >> (8 * i));
        patterns[p].blocks = blocks;
        patterns[p].word = (unsigned)(hole / 4);
        patterns[p].shift = (unsigned)(hole % 4) * 8;
        uint32_t *t = templates + (size_t)p * MD5C_MAX_WORDS * (size_t)lanes;
        for (unsigned w = 0; w < MD5C_MAX_WORDS; w++) t[w * (unsigned)lanes + (unsigned)lane] = load_le32(message + 4 * w);
    }
}

static void to64(char *out, uint32_t v, int n) {
    while (n-- > 0) {
        *out++ = crypt_alphabet[v & 0x3f];
        v >>= 6;
    }
}

/// The 22-character md5crypt encoding of a digest.
static void md5crypt_encode(const uint8_t f[16], char out[22]) {
    to64(out, (uint32_t)f[0] << 16 | (uint32_t)f[6] << 8 | f[12], 4);
    to64(out + 4, (uint32_t)f[1] << 16 | (uint32_t)f[7] << 8 | f[13], 4);
    to64(out + 8, (uint32_t)f[2] << 16 | (uint32_t)f[8] << 8 | f[14], 4);
    to64(out + 12, (uint32_t)f[3] << 16 | (uint32_t)f[9] << 8 | f[15], 4);
    to64(out + 16, (uint32_t)f[4] << 16 | (uint32_t)f[10] << 8 | f[5], 4);
    to64(out + 20, f[11], 2);
}

typedef void (*md5crypt_rounds_fn)(uint32_t *, const uint32_t *, const struct md5c_pattern *);

/// Hashes up to `lanes` candidates of one length (unused lanes repeat the first) and reports,
/// through `best`, the lowest index among them whose hash equals `expected`.
static void md5crypt_batch(md5crypt_rounds_fn rounds, int lanes, const uint8_t *const *candidates, const size_t *indices,
                           int filled, size_t length, const uint8_t *salt, size_t salt_length, const char *expected,
                           size_t *best) {
    _Alignas(64) uint32_t templates[8 * MD5C_MAX_WORDS * MD5C_MAX_LANES];
    _Alignas(64) uint32_t digest[4 * MD5C_MAX_LANES];
    struct md5c_pattern patterns[8];
    for (int lane = 0; lane < lanes; lane++) {
        const uint8_t *pw = candidates[indices[lane < filled ? lane : 0]];
        uint8_t initial[16];
        md5crypt_setup(pw, length, salt, salt_length, initial);
        for (int w = 0; w < 4; w++) digest[w * lanes + lane] = load_le32(initial + 4 * w);
        md5crypt_templates(templates, patterns, lanes, lane, pw, length, salt, salt_length);
    }
    rounds(digest, templates, patterns);
    for (int lane = 0; lane < filled; lane++) {
        uint8_t f[16];
        for (int w = 0; w < 4; w++) {
            uint32_t v = digest[w * lanes + lane];
            f[4 * w] = (uint8_t)v;
            f[4 * w + 1] = (uint8_t)(v >> 8);
            f[4 * w + 2] = (uint8_t)(v >> 16);
            f[4 * w + 3] = (uint8_t)(v >> 24);
        }
        char encoded[22];
        md5crypt_encode(f, encoded);
        if (memcmp(encoded, expected, 22) == 0 && indices[lane] < *best) *best = indices[lane];
    }
}

long cfh_md5crypt_first_match(const char *stored, const uint8_t *const *candidates, const size_t *lengths,
                              size_t count, int level) {
    // Only the canonical shape: $1$ + 1..8 salt characters + $ + 22 hash characters, nothing else.
    if (!stored || strncmp(stored, "$1$", 3) != 0) return CFH_UNSUPPORTED;
    const char *salt = stored + 3;
    size_t salt_length = 0;
    while (salt[salt_length] && salt[salt_length] != '$') {
        if (!in_crypt_alphabet(salt[salt_length])) return CFH_UNSUPPORTED;
        salt_length++;
    }
    if (salt_length < 1 || salt_length > 8 || salt[salt_length] != '$') return CFH_UNSUPPORTED;
    const char *expected = salt + salt_length + 1;
    if (strlen(expected) != 22) return CFH_UNSUPPORTED;
    for (int i = 0; i < 22; i++) {
        if (!in_crypt_alphabet(expected[i])) return CFH_UNSUPPORTED;
    }
    if (count > 0 && (!candidates || !lengths)) return CFH_BAD_CANDIDATE;
    for (size_t i = 0; i < count; i++) {
        if (lengths[i] > CFH_MD5CRYPT_MAX_LENGTH || (lengths[i] > 0 && !candidates[i])) return CFH_BAD_CANDIDATE;
    }

    md5crypt_rounds_fn rounds = md5crypt_rounds_scalar;
    int lanes = 1;
#if CFH_X86
    switch (cfh_effective_level(level)) {
    case CFH_LEVEL_AVX512:
        rounds = md5crypt_rounds_avx512;
        lanes = 16;
        break;
    case CFH_LEVEL_AVX2:
        rounds = md5crypt_rounds_avx2;
        lanes = 8;
        break;
    default: break;
    }
#else
    (void)level;
#endif

    // Candidates grouped by length, each group in input order (a counting sort).
    size_t starts[CFH_MD5CRYPT_MAX_LENGTH + 2] = {0};
    for (size_t i = 0; i < count; i++) starts[lengths[i] + 1]++;
    for (int l = 1; l <= CFH_MD5CRYPT_MAX_LENGTH + 1; l++) starts[l] += starts[l - 1];
    size_t order_stack[512];
    size_t *order = count <= 512 ? order_stack : (size_t *)malloc(count * sizeof(size_t));
    if (!order) return CFH_BAD_CANDIDATE;
    size_t next[CFH_MD5CRYPT_MAX_LENGTH + 1];
    for (int l = 0; l <= CFH_MD5CRYPT_MAX_LENGTH; l++) next[l] = starts[l];
    for (size_t i = 0; i < count; i++) order[next[lengths[i]]++] = i;
    for (int l = 0; l <= CFH_MD5CRYPT_MAX_LENGTH; l++) next[l] = starts[l];

    // Always hash the group whose earliest untried candidate comes first, so that once a match
    // is found only candidates before it still need trying.
    static const uint8_t empty = 0;
    const uint8_t *safe_stack[512];
    const uint8_t **safe = count <= 512 ? safe_stack : (const uint8_t **)malloc(count * sizeof(uint8_t *));
    if (!safe) {
        if (order != order_stack) free(order);
        return CFH_BAD_CANDIDATE;
    }
    for (size_t i = 0; i < count; i++) safe[i] = lengths[i] ? candidates[i] : &empty;
    size_t best = count;
    for (;;) {
        int pick = -1;
        size_t head = best;
        for (int l = 0; l <= CFH_MD5CRYPT_MAX_LENGTH; l++) {
            if (next[l] < starts[l + 1] && order[next[l]] < head) {
                head = order[next[l]];
                pick = l;
            }
        }
        if (pick < 0) break;
        size_t indices[MD5C_MAX_LANES];
        int filled = 0;
        while (filled < lanes && next[pick] < starts[pick + 1] && order[next[pick]] < best) {
            indices[filled++] = order[next[pick]++];
        }
        md5crypt_batch(rounds, lanes, safe, indices, filled, (size_t)pick, (const uint8_t *)salt, salt_length,
                       expected, &best);
    }
    if (order != order_stack) free(order);
    if (safe != safe_stack) free((void *)safe);
    return best < count ? (long)best : CFH_NO_MATCH;
}
