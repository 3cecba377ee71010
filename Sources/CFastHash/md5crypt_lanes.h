// The md5crypt 1000-round loop over LANES candidates at once, written once and included by
// md5crypt.c for each instruction set. The includer defines:
//   LANES            candidates per vector
//   V                the vector type (uint32_t for the scalar build)
//   V_LOAD(p)        load LANES words from an aligned pointer; V_STORE(p, v) stores them
//   V_SET1(x)        broadcast a constant
//   V_ADD, V_OR      lane-wise add and or
//   V_F, V_G, V_H, V_I   MD5's four boolean functions
//   V_ROTL(x, n)     rotate left by a constant
//   V_SHL(x, n), V_SHR(x, n)   shift by a run-time count in 1...31
//   FN(name)         the name suffixed for this instruction set
//
// Each round's message is a template (password, salt, padding and length, laid out by
// md5crypt.c, the same for all lanes because their lengths are equal) with the previous digest
// ORed in at a byte offset that depends only on the round number's pattern.

#define MD5_STEP(f, a, b, c, d, x, s, t) \
    a = V_ADD(a, V_ADD(f(b, c, d), V_ADD(x, V_SET1(t)))); \
    a = V_ADD(V_ROTL(a, s), b);

static void FN(md5_compress)(V *state, const V *x) {
    V a = state[0], b = state[1], c = state[2], d = state[3];
    MD5_STEP(V_F, a, b, c, d, x[0], 7, 0xd76aa478u)
    MD5_STEP(V_F, d, a, b, c, x[1], 12, 0xe8c7b756u)
    MD5_STEP(V_F, c, d, a, b, x[2], 17, 0x242070dbu)
    MD5_STEP(V_F, b, c, d, a, x[3], 22, 0xc1bdceeeu)
    MD5_STEP(V_F, a, b, c, d, x[4], 7, 0xf57c0fafu)
    MD5_STEP(V_F, d, a, b, c, x[5], 12, 0x4787c62au)
    MD5_STEP(V_F, c, d, a, b, x[6], 17, 0xa8304613u)
    MD5_STEP(V_F, b, c, d, a, x[7], 22, 0xfd469501u)
    MD5_STEP(V_F, a, b, c, d, x[8], 7, 0x698098d8u)
    MD5_STEP(V_F, d, a, b, c, x[9], 12, 0x8b44f7afu)
    MD5_STEP(V_F, c, d, a, b, x[10], 17, 0xffff5bb1u)
    MD5_STEP(V_F, b, c, d, a, x[11], 22, 0x895cd7beu)
    MD5_STEP(V_F, a, b, c, d, x[12], 7, 0x6b901122u)
    MD5_STEP(V_F, d, a, b, c, x[13], 12, 0xfd987193u)
    MD5_STEP(V_F, c, d, a, b, x[14], 17, 0xa679438eu)
    MD5_STEP(V_F, b, c, d, a, x[15], 22, 0x49b40821u)

    MD5_STEP(V_G, a, b, c, d, x[1], 5, 0xf61e2562u)
    MD5_STEP(V_G, d, a, b, c, x[6], 9, 0xc040b340u)
    MD5_STEP(V_G, c, d, a, b, x[11], 14, 0x265e5a51u)
    MD5_STEP(V_G, b, c, d, a, x[0], 20, 0xe9b6c7aau)
    MD5_STEP(V_G, a, b, c, d, x[5], 5, 0xd62f105du)
    MD5_STEP(V_G, d, a, b, c, x[10], 9, 0x02441453u)
    MD5_STEP(V_G, c, d, a, b, x[15], 14, 0xd8a1e681u)
    MD5_STEP(V_G, b, c, d, a, x[4], 20, 0xe7d3fbc8u)
    MD5_STEP(V_G, a, b, c, d, x[9], 5, 0x21e1cde6u)
    MD5_STEP(V_G, d, a, b, c, x[14], 9, 0xc33707d6u)
    MD5_STEP(V_G, c, d, a, b, x[3], 14, 0xf4d50d87u)
    MD5_STEP(V_G, b, c, d, a, x[8], 20, 0x455a14edu)
    MD5_STEP(V_G, a, b, c, d, x[13], 5, 0xa9e3e905u)
    MD5_STEP(V_G, d, a, b, c, x[2], 9, 0xfcefa3f8u)
    MD5_STEP(V_G, c, d, a, b, x[7], 14, 0x676f02d9u)
    MD5_STEP(V_G, b, c, d, a, x[12], 20, 0x8d2a4c8au)

    MD5_STEP(V_H, a, b, c, d, x[5], 4, 0xfffa3942u)
    MD5_STEP(V_H, d, a, b, c, x[8], 11, 0x8771f681u)
    MD5_STEP(V_H, c, d, a, b, x[11], 16, 0x6d9d6122u)
    MD5_STEP(V_H, b, c, d, a, x[14], 23, 0xfde5380cu)
    MD5_STEP(V_H, a, b, c, d, x[1], 4, 0xa4beea44u)
    MD5_STEP(V_H, d, a, b, c, x[4], 11, 0x4bdecfa9u)
    MD5_STEP(V_H, c, d, a, b, x[7], 16, 0xf6bb4b60u)
    MD5_STEP(V_H, b, c, d, a, x[10], 23, 0xbebfbc70u)
    MD5_STEP(V_H, a, b, c, d, x[13], 4, 0x289b7ec6u)
    MD5_STEP(V_H, d, a, b, c, x[0], 11, 0xeaa127fau)
    MD5_STEP(V_H, c, d, a, b, x[3], 16, 0xd4ef3085u)
    MD5_STEP(V_H, b, c, d, a, x[6], 23, 0x04881d05u)
    MD5_STEP(V_H, a, b, c, d, x[9], 4, 0xd9d4d039u)
    MD5_STEP(V_H, d, a, b, c, x[12], 11, 0xe6db99e5u)
    MD5_STEP(V_H, c, d, a, b, x[15], 16, 0x1fa27cf8u)
    MD5_STEP(V_H, b, c, d, a, x[2], 23, 0xc4ac5665u)

    MD5_STEP(V_I, a, b, c, d, x[0], 6, 0xf4292244u)
    MD5_STEP(V_I, d, a, b, c, x[7], 10, 0x432aff97u)
    MD5_STEP(V_I, c, d, a, b, x[14], 15, 0xab9423a7u)
    MD5_STEP(V_I, b, c, d, a, x[5], 21, 0xfc93a039u)
    MD5_STEP(V_I, a, b, c, d, x[12], 6, 0x655b59c3u)
    MD5_STEP(V_I, d, a, b, c, x[3], 10, 0x8f0ccc92u)
    MD5_STEP(V_I, c, d, a, b, x[10], 15, 0xffeff47du)
    MD5_STEP(V_I, b, c, d, a, x[1], 21, 0x85845dd1u)
    MD5_STEP(V_I, a, b, c, d, x[8], 6, 0x6fa87e4fu)
    MD5_STEP(V_I, d, a, b, c, x[15], 10, 0xfe2ce6e0u)
    MD5_STEP(V_I, c, d, a, b, x[6], 15, 0xa3014314u)
    MD5_STEP(V_I, b, c, d, a, x[13], 21, 0x4e0811a1u)
    MD5_STEP(V_I, a, b, c, d, x[4], 6, 0xf7537e82u)
    MD5_STEP(V_I, d, a, b, c, x[11], 10, 0xbd3af235u)
    MD5_STEP(V_I, c, d, a, b, x[2], 15, 0x2ad7d2bbu)
    MD5_STEP(V_I, b, c, d, a, x[9], 21, 0xeb86d391u)
    state[0] = V_ADD(state[0], a);
    state[1] = V_ADD(state[1], b);
    state[2] = V_ADD(state[2], c);
    state[3] = V_ADD(state[3], d);
}

/// Runs md5crypt's 1000 rounds. `digest` holds the four state words of every lane
/// (digest[word * LANES + lane]) on entry (the initial "final" digest) and on return;
/// `templates` holds, per pattern, MD5C_MAX_WORDS message words per lane.
static void FN(md5crypt_rounds)(uint32_t *digest, const uint32_t *templates, const struct md5c_pattern *patterns) {
    V d[4];
    for (int w = 0; w < 4; w++) d[w] = V_LOAD(digest + w * LANES);
    V x[MD5C_MAX_WORDS];
    unsigned m3 = 0, m7 = 0;
    for (unsigned round = 0; round < 1000; round++) {
        unsigned p = (round & 1u) | (m3 ? 2u : 0u) | (m7 ? 4u : 0u);
        const struct md5c_pattern *pattern = &patterns[p];
        const uint32_t *t = templates + (size_t)p * MD5C_MAX_WORDS * LANES;
        unsigned words = pattern->blocks * 16u;
        for (unsigned w = 0; w < words; w++) x[w] = V_LOAD(t + w * LANES);
        unsigned q = pattern->word, r = pattern->shift;
        if (r == 0) {
            x[q] = V_OR(x[q], d[0]);
            x[q + 1] = V_OR(x[q + 1], d[1]);
            x[q + 2] = V_OR(x[q + 2], d[2]);
            x[q + 3] = V_OR(x[q + 3], d[3]);
        } else {
            unsigned l = 32u - r;
            x[q] = V_OR(x[q], V_SHL(d[0], r));
            x[q + 1] = V_OR(x[q + 1], V_OR(V_SHL(d[1], r), V_SHR(d[0], l)));
            x[q + 2] = V_OR(x[q + 2], V_OR(V_SHL(d[2], r), V_SHR(d[1], l)));
            x[q + 3] = V_OR(x[q + 3], V_OR(V_SHL(d[3], r), V_SHR(d[2], l)));
            x[q + 4] = V_OR(x[q + 4], V_SHR(d[3], l));
        }
        V s[4] = {V_SET1(0x67452301u), V_SET1(0xefcdab89u), V_SET1(0x98badcfeu), V_SET1(0x10325476u)};
        for (unsigned b = 0; b < pattern->blocks; b++) FN(md5_compress)(s, x + 16 * b);
        d[0] = s[0];
        d[1] = s[1];
        d[2] = s[2];
        d[3] = s[3];
        if (++m3 == 3) m3 = 0;
        if (++m7 == 7) m7 = 0;
    }
    for (int w = 0; w < 4; w++) V_STORE(digest + w * LANES, d[w]);
}

#undef MD5_STEP
