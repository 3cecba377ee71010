// Eksblowfish for BF_LANES passwords at once, written once and included by bcrypt.c for each lane
// count (FN(name) adds the count to the name). The BF_ROUND and BF_ENCRYPT macros expand over
// BF_LANES, so each round of every lane sits next to the same round of the others.

/// Re-keys every lane: encrypts a running block from zero through P and then the S-boxes,
/// replacing each pair of words with the ciphertext.
static void FN(bf_body)(bf_state *st) {
    uint32_t L[BF_LANES] = {0}, R[BF_LANES] = {0};
    for (int i = 0; i < 18; i += 2) {
        BF_ENCRYPT(L, R)
        for (int k = 0; k < BF_LANES; k++) {
            st[k].P[i] = L[k];
            st[k].P[i + 1] = R[k];
        }
    }
    for (int i = 0; i < 1024; i += 2) {
        BF_ENCRYPT(L, R)
        for (int k = 0; k < BF_LANES; k++) {
            st[k].S[i] = L[k];
            st[k].S[i + 1] = R[k];
        }
    }
}

/// Eksblowfish for BF_LANES passwords with one salt and cost; writes each lane's 24-byte result.
static void FN(bf_lanes)(const uint8_t *const *keys, const size_t *lengths, const uint32_t salt[4], unsigned cost,
                         int safety, uint8_t (*out)[24]) {
    _Alignas(64) bf_state st[BF_LANES];
    uint32_t expanded[BF_LANES][18];
    for (int k = 0; k < BF_LANES; k++) {
        bf_set_key(keys[k], lengths[k], expanded[k], st[k].P, safety);
        memcpy(st[k].S, cfh_bf_init_s, sizeof st[k].S);
    }

    // The salted key expansion.
    uint32_t L[BF_LANES] = {0}, R[BF_LANES] = {0};
    for (int i = 0; i < 18; i += 2) {
        for (int k = 0; k < BF_LANES; k++) {
            L[k] ^= salt[i & 2];
            R[k] ^= salt[(i & 2) + 1];
        }
        BF_ENCRYPT(L, R)
        for (int k = 0; k < BF_LANES; k++) {
            st[k].P[i] = L[k];
            st[k].P[i + 1] = R[k];
        }
    }
    for (int i = 0; i < 1024; i += 4) {
        for (int k = 0; k < BF_LANES; k++) {
            L[k] ^= salt[2];
            R[k] ^= salt[3];
        }
        BF_ENCRYPT(L, R)
        for (int k = 0; k < BF_LANES; k++) {
            st[k].S[i] = L[k];
            st[k].S[i + 1] = R[k];
            L[k] ^= salt[0];
            R[k] ^= salt[1];
        }
        BF_ENCRYPT(L, R)
        for (int k = 0; k < BF_LANES; k++) {
            st[k].S[i + 2] = L[k];
            st[k].S[i + 3] = R[k];
        }
    }

    // 2^cost rounds of: expand with the key, then with the salt.
    uint64_t rounds = (uint64_t)1 << cost;
    do {
        for (int k = 0; k < BF_LANES; k++) {
            for (int i = 0; i < 18; i++) st[k].P[i] ^= expanded[k][i];
        }
        FN(bf_body)(st);
        for (int k = 0; k < BF_LANES; k++) {
            for (int i = 0; i < 18; i++) st[k].P[i] ^= salt[i & 3];
        }
        FN(bf_body)(st);
    } while (--rounds);

    for (int i = 0; i < 6; i += 2) {
        for (int k = 0; k < BF_LANES; k++) {
            L[k] = bf_magic[i];
            R[k] = bf_magic[i + 1];
        }
        for (int n = 0; n < 64; n++) {
            BF_ENCRYPT(L, R)
        }
        for (int k = 0; k < BF_LANES; k++) {
            for (int b = 0; b < 4; b++) {
                out[k][4 * i + b] = (uint8_t)(L[k] >> (24 - 8 * b));
                out[k][4 * i + 4 + b] = (uint8_t)(R[k] >> (24 - 8 * b));
            }
        }
    }
}

