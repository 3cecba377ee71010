// bcrypt (Provos and Mazières' Eksblowfish, the `$2a$`, `$2b$`, `$2y$` variants as libxcrypt's
// crypt_blowfish computes them), several candidates at a time.
//
// One Blowfish round is a chain of four dependent table look-ups, so a single instance leaves
// most of a modern core idle waiting on load latency. Every Eksblowfish instance with the same
// cost runs exactly the same schedule whatever the password, so BF_LANES independent instances
// (one per candidate) run round by round side by side and the core overlaps their look-ups.
// Their state (4 KiB of S-boxes each) stays in the L1 cache.
#include "cfasthash.h"
#include "bf_tables.h"
#include <string.h>

/// Lanes of the main kernel; batches whose tail is shorter use the 3- or 1-lane build.
#define BF_MAX_LANES 6

int cfh_bcrypt_lanes(void) { return BF_MAX_LANES; }

typedef struct {
    uint32_t S[1024];
    uint32_t P[18];
} bf_state;

// "OrpheanBeholderScryDoubt", the block bcrypt encrypts 64 times.
static const uint32_t bf_magic[6] = {0x4f727068u, 0x65616e42u, 0x65686f6cu, 0x64657253u, 0x63727944u, 0x6f756274u};

static const char bf_alphabet[] = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

static int bf_value(char c) {
    if (c == '.') return 0;
    if (c == '/') return 1;
    if (c >= 'A' && c <= 'Z') return c - 'A' + 2;
    if (c >= 'a' && c <= 'z') return c - 'a' + 28;
    if (c >= '0' && c <= '9') return c - '0' + 54;
    return -1;
}

/// bcrypt's base64 (its own alphabet, no padding) of `n` bytes.
static void bf_encode(char *out, const uint8_t *in, size_t n) {
    size_t i = 0;
    while (i < n) {
        unsigned c1 = in[i++];
        *out++ = bf_alphabet[c1 >> 2];
        c1 = (c1 & 0x03) << 4;
        if (i >= n) {
            *out++ = bf_alphabet[c1];
            break;
        }
        unsigned c2 = in[i++];
        c1 |= c2 >> 4;
        *out++ = bf_alphabet[c1];
        c1 = (c2 & 0x0f) << 2;
        if (i >= n) {
            *out++ = bf_alphabet[c1];
            break;
        }
        c2 = in[i++];
        c1 |= c2 >> 6;
        *out++ = bf_alphabet[c1];
        *out++ = bf_alphabet[c2 & 0x3f];
    }
}

/// The 22-character salt to 16 bytes; 0 on a character outside the alphabet.
static int bf_decode_salt(const char *in, uint8_t out[16]) {
    int o = 0, i = 0;
    while (o < 16) {
        int c1 = bf_value(in[i++]), c2 = bf_value(in[i++]);
        if (c1 < 0 || c2 < 0) return 0;
        out[o++] = (uint8_t)((c1 << 2) | ((c2 & 0x30) >> 4));
        if (o >= 16) break;
        int c3 = bf_value(in[i++]);
        if (c3 < 0) return 0;
        out[o++] = (uint8_t)(((c2 & 0x0f) << 4) | ((c3 & 0x3c) >> 2));
        int c4 = bf_value(in[i++]);
        if (c4 < 0) return 0;
        out[o++] = (uint8_t)(((c3 & 0x03) << 6) | c4);
    }
    return 1;
}

/// The key schedule's two views of a password: `expanded` (XORed into P on every key round) and
/// `initial` (the first P). The password is read as a C string, cycling through its bytes and its
/// terminating zero. For `$2a$` (`safety`), crypt_blowfish flips one bit of `initial` for the
/// passwords that the old sign-extension bug would have hashed identically; this reproduces that.
static void bf_set_key(const uint8_t *key, size_t length, uint32_t expanded[18], uint32_t initial[18], int safety) {
    size_t at = 0;
    uint32_t sign = 0, diff = 0;
    for (int i = 0; i < 18; i++) {
        uint32_t correct = 0, buggy = 0;
        for (int j = 0; j < 4; j++) {
            uint8_t c = at < length ? key[at] : 0;
            correct = (correct << 8) | c;
            buggy = (buggy << 8) | (uint32_t)(int32_t)(int8_t)c;
            if (j) sign |= buggy & 0x80;
            at = c ? at + 1 : 0;
        }
        diff |= correct ^ buggy;
        expanded[i] = correct;
        initial[i] = cfh_bf_init_p[i] ^ correct;
    }
    diff |= diff >> 16;
    diff &= 0xffff;
    diff += 0xffff;
    sign <<= 9;
    sign &= ~diff & (safety ? 0x10000u : 0u);
    initial[0] ^= sign;
}

#define BF_F(st, x) \
    ((((st).S[(x) >> 24] + (st).S[0x100 | (((x) >> 16) & 0xff)]) ^ (st).S[0x200 | (((x) >> 8) & 0xff)]) + \
     (st).S[0x300 | ((x) & 0xff)])

// One round on every lane, then a whole block: the lanes' instructions interleave.
#define BF_ROUND(a, b, n) \
    for (int k = 0; k < BF_LANES; k++) b[k] ^= st[k].P[n] ^ BF_F(st[k], a[k]);

#define BF_ENCRYPT(L, R) \
    for (int k = 0; k < BF_LANES; k++) L[k] ^= st[k].P[0]; \
    BF_ROUND(L, R, 1) BF_ROUND(R, L, 2) BF_ROUND(L, R, 3) BF_ROUND(R, L, 4) \
    BF_ROUND(L, R, 5) BF_ROUND(R, L, 6) BF_ROUND(L, R, 7) BF_ROUND(R, L, 8) \
    BF_ROUND(L, R, 9) BF_ROUND(R, L, 10) BF_ROUND(L, R, 11) BF_ROUND(R, L, 12) \
    BF_ROUND(L, R, 13) BF_ROUND(R, L, 14) BF_ROUND(L, R, 15) BF_ROUND(R, L, 16) \
    for (int k = 0; k < BF_LANES; k++) { \
        uint32_t t = R[k]; \
        R[k] = L[k]; \
        L[k] = t ^ st[k].P[17]; \
    }

#define BF_LANES 6
#define FN(name) name##_6
#include "bcrypt_lanes.h"
#undef BF_LANES
#undef FN
#define BF_LANES 3
#define FN(name) name##_3
#include "bcrypt_lanes.h"
#undef BF_LANES
#undef FN
#define BF_LANES 1
#define FN(name) name##_1
#include "bcrypt_lanes.h"
#undef BF_LANES
#undef FN

long cfh_bcrypt_first_match(const char *stored, const uint8_t *const *candidates, const size_t *lengths,
                            size_t count) {
    // Only the canonical shape: $2a$, $2b$ or $2y$, two-digit cost 04..31, 22 + 31 characters.
    if (!stored || strlen(stored) != 60) return CFH_UNSUPPORTED;
    if (stored[0] != '$' || stored[1] != '2' || (stored[2] != 'a' && stored[2] != 'b' && stored[2] != 'y') ||
        stored[3] != '$' || stored[6] != '$')
        return CFH_UNSUPPORTED;
    if (stored[4] < '0' || stored[4] > '3' || stored[5] < '0' || stored[5] > '9') return CFH_UNSUPPORTED;
    unsigned cost = (unsigned)(stored[4] - '0') * 10 + (unsigned)(stored[5] - '0');
    if (cost < 4 || cost > 31) return CFH_UNSUPPORTED;
    for (int i = 7; i < 60; i++) {
        if (bf_value(stored[i]) < 0) return CFH_UNSUPPORTED;
    }
    uint8_t salt_bytes[16];
    if (!bf_decode_salt(stored + 7, salt_bytes)) return CFH_UNSUPPORTED;
    uint32_t salt[4];
    for (int i = 0; i < 4; i++) {
        salt[i] = (uint32_t)salt_bytes[4 * i] << 24 | (uint32_t)salt_bytes[4 * i + 1] << 16 |
                  (uint32_t)salt_bytes[4 * i + 2] << 8 | salt_bytes[4 * i + 3];
    }
    int safety = stored[2] == 'a';
    if (count > 0 && (!candidates || !lengths)) return CFH_BAD_CANDIDATE;
    for (size_t i = 0; i < count; i++) {
        if (lengths[i] > CFH_BCRYPT_MAX_LENGTH || (lengths[i] > 0 && !candidates[i])) return CFH_BAD_CANDIDATE;
        for (size_t j = 0; j < lengths[i]; j++) {
            if (candidates[i][j] == 0) return CFH_BAD_CANDIDATE;
        }
    }

    // What libxcrypt would print: the setting with the salt's last character canonical (its low
    // four bits are not part of the 16 bytes), then 23 of the 24 result bytes.
    char expected[60];
    memcpy(expected, stored, 28);
    expected[28] = bf_alphabet[bf_value(stored[28]) & 0x30];

    static const uint8_t empty = 0;
    for (size_t first = 0; first < count;) {
        size_t left = count - first;
        int lanes = left > 3 ? 6 : left > 1 ? 3 : 1;
        const uint8_t *keys[BF_MAX_LANES];
        size_t key_lengths[BF_MAX_LANES];
        for (int k = 0; k < lanes; k++) {
            size_t i = (size_t)k < left ? first + (size_t)k : first;
            keys[k] = lengths[i] ? candidates[i] : &empty;
            key_lengths[k] = lengths[i];
        }
        uint8_t out[BF_MAX_LANES][24];
        if (lanes == 6) bf_lanes_6(keys, key_lengths, salt, cost, safety, out);
        else if (lanes == 3) bf_lanes_3(keys, key_lengths, salt, cost, safety, out);
        else bf_lanes_1(keys, key_lengths, salt, cost, safety, out);
        for (int k = 0; k < lanes && (size_t)k < left; k++) {
            bf_encode(expected + 29, out[k], 23);
            if (memcmp(expected, stored, 60) == 0) return (long)(first + (size_t)k);
        }
        first += (size_t)lanes < left ? (size_t)lanes : left;
    }
    return CFH_NO_MATCH;
}
