#include "core/ed25519.h"

#include <cstdint>
#include <cstring>
#include <vector>

// Field and group arithmetic after ref10 (Bernstein, Duif, Lange, Schwabe, Yang) as libsodium
// carries it: GF(2^255 − 19) in five 51-bit limbs, points on −x² + y² = 1 + dx²y² in extended
// coordinates, additions with precomputed affine points (y + x, y − x, 2dxy).
namespace sanshen {
namespace {

using u64 = std::uint64_t;
using u128 = unsigned __int128;

constexpr u64 kMask = (u64{1} << 51) - 1;

struct Fe {
  u64 v[5];
};

Fe small(u64 x) { return Fe{{x, 0, 0, 0, 0}}; }

u64 load64(const unsigned char* p) {
  u64 x;
  std::memcpy(&x, p, 8);
  return x;
}

// The low 255 bits of s (the top bit is the sign of x in a point encoding).
Fe from_bytes(const unsigned char s[32]) {
  return Fe{{load64(s) & kMask, (load64(s + 6) >> 3) & kMask, (load64(s + 12) >> 6) & kMask,
             (load64(s + 19) >> 1) & kMask, (load64(s + 24) >> 12) & kMask}};
}

// Limbs back under 2^51 (limb 0 may exceed it by a little), value unchanged mod p.
Fe carry(Fe h) {
  u64* t = h.v;
  t[1] += t[0] >> 51;
  t[0] &= kMask;
  t[2] += t[1] >> 51;
  t[1] &= kMask;
  t[3] += t[2] >> 51;
  t[2] &= kMask;
  t[4] += t[3] >> 51;
  t[3] &= kMask;
  t[0] += 19 * (t[4] >> 51);
  t[4] &= kMask;
  return h;
}

// The canonical encoding: the value fully reduced below p, little-endian.
void to_bytes(unsigned char s[32], Fe h) {
  h = carry(carry(h));
  u64* t = h.v;
  // Now 0 ≤ h < 2^255. Adding 19 and carrying (bit 255 wraps around as 19) gives (h mod p) + 19;
  // adding 2^255 − 19 and dropping bit 255 then leaves h mod p.
  t[0] += 19;
  h = carry(h);
  t[0] += 0x8000000000000 - 19;
  for (int i = 1; i < 5; ++i) t[i] += 0x8000000000000 - 1;
  for (int i = 0; i < 4; ++i) {
    t[i + 1] += t[i] >> 51;
    t[i] &= kMask;
  }
  t[4] &= kMask;
  const u64 w[4] = {t[0] | (t[1] << 51), (t[1] >> 13) | (t[2] << 38), (t[2] >> 26) | (t[3] << 25),
                    (t[3] >> 39) | (t[4] << 12)};
  std::memcpy(s, w, 32);
}

Fe add(const Fe& f, const Fe& g) {
  Fe h;
  for (int i = 0; i < 5; ++i) h.v[i] = f.v[i] + g.v[i];
  return h;
}

// f + 2p − g, with g carried first so no limb goes below zero.
Fe sub(const Fe& f, Fe g) {
  g = carry(g);
  return Fe{{f.v[0] + 0xfffffffffffdaULL - g.v[0], f.v[1] + 0xffffffffffffeULL - g.v[1],
             f.v[2] + 0xffffffffffffeULL - g.v[2], f.v[3] + 0xffffffffffffeULL - g.v[3],
             f.v[4] + 0xffffffffffffeULL - g.v[4]}};
}

Fe neg(const Fe& f) { return sub(small(0), f); }

Fe reduce_wide(u128 r0, u128 r1, u128 r2, u128 r3, u128 r4) {
  Fe h;
  r1 += static_cast<u64>(r0 >> 51);
  h.v[0] = static_cast<u64>(r0) & kMask;
  r2 += static_cast<u64>(r1 >> 51);
  h.v[1] = static_cast<u64>(r1) & kMask;
  r3 += static_cast<u64>(r2 >> 51);
  h.v[2] = static_cast<u64>(r2) & kMask;
  r4 += static_cast<u64>(r3 >> 51);
  h.v[3] = static_cast<u64>(r3) & kMask;
  h.v[4] = static_cast<u64>(r4) & kMask;
  h.v[0] += 19 * static_cast<u64>(r4 >> 51);
  h.v[1] += h.v[0] >> 51;
  h.v[0] &= kMask;
  return h;
}

// Inputs' limbs stay below 2^54 throughout this file (sums of at most two carried values plus
// 2p), so no 128-bit sum below overflows.
Fe mul(const Fe& f, const Fe& g) {
  const u64 f0 = f.v[0], f1 = f.v[1], f2 = f.v[2], f3 = f.v[3], f4 = f.v[4];
  const u64 g0 = g.v[0], g1 = g.v[1], g2 = g.v[2], g3 = g.v[3], g4 = g.v[4];
  const u64 g1_19 = 19 * g1, g2_19 = 19 * g2, g3_19 = 19 * g3, g4_19 = 19 * g4;
  const u128 r0 =
      u128{f0} * g0 + u128{f1} * g4_19 + u128{f2} * g3_19 + u128{f3} * g2_19 + u128{f4} * g1_19;
  const u128 r1 =
      u128{f0} * g1 + u128{f1} * g0 + u128{f2} * g4_19 + u128{f3} * g3_19 + u128{f4} * g2_19;
  const u128 r2 =
      u128{f0} * g2 + u128{f1} * g1 + u128{f2} * g0 + u128{f3} * g4_19 + u128{f4} * g3_19;
  const u128 r3 = u128{f0} * g3 + u128{f1} * g2 + u128{f2} * g1 + u128{f3} * g0 + u128{f4} * g4_19;
  const u128 r4 = u128{f0} * g4 + u128{f1} * g3 + u128{f2} * g2 + u128{f3} * g1 + u128{f4} * g0;
  return reduce_wide(r0, r1, r2, r3, r4);
}

Fe square(const Fe& f) {
  const u64 f0 = f.v[0], f1 = f.v[1], f2 = f.v[2], f3 = f.v[3], f4 = f.v[4];
  const u64 f0_2 = 2 * f0, f1_2 = 2 * f1, f2_38 = 38 * f2, f3_19 = 19 * f3, f4_19 = 19 * f4,
            f4_38 = 2 * f4_19;
  const u128 r0 = u128{f0} * f0 + u128{f4_38} * f1 + u128{f2_38} * f3;
  const u128 r1 = u128{f0_2} * f1 + u128{f4_38} * f2 + u128{f3} * f3_19;
  const u128 r2 = u128{f0_2} * f2 + u128{f1} * f1 + u128{f4_38} * f3;
  const u128 r3 = u128{f0_2} * f3 + u128{f1_2} * f2 + u128{f4} * f4_19;
  const u128 r4 = u128{f0_2} * f4 + u128{f1_2} * f3 + u128{f2} * f2;
  return reduce_wide(r0, r1, r2, r3, r4);
}

Fe square_times(Fe f, int n) {
  while (n-- > 0) f = square(f);
  return f;
}

// z^(2^250 − 1) and z^11: the common prefix of the inversion and square-root chains.
void pow_2_250_1(const Fe& z, Fe& z_2_250_1, Fe& z11) {
  const Fe z2 = square(z);
  const Fe z9 = mul(z, square_times(z2, 2));
  z11 = mul(z2, z9);
  const Fe z_5 = mul(z9, square(z11));             // 2^5 − 1
  const Fe z_10 = mul(square_times(z_5, 5), z_5);  // 2^10 − 1
  const Fe z_20 = mul(square_times(z_10, 10), z_10);
  const Fe z_40 = mul(square_times(z_20, 20), z_20);
  const Fe z_50 = mul(square_times(z_40, 10), z_10);
  const Fe z_100 = mul(square_times(z_50, 50), z_50);
  const Fe z_200 = mul(square_times(z_100, 100), z_100);
  z_2_250_1 = mul(square_times(z_200, 50), z_50);
}

// z^(p − 2) = z^(2^255 − 21).
Fe invert(const Fe& z) {
  Fe t, z11;
  pow_2_250_1(z, t, z11);
  return mul(square_times(t, 5), z11);
}

// z^((p − 5) / 8) = z^(2^252 − 3), for square roots.
Fe pow_p58(const Fe& z) {
  Fe t, z11;
  pow_2_250_1(z, t, z11);
  return mul(square_times(t, 2), z);
}

bool is_zero(const Fe& f) {
  unsigned char s[32];
  to_bytes(s, f);
  unsigned char any = 0;
  for (const unsigned char c : s) any |= c;
  return any == 0;
}

bool is_negative(const Fe& f) {
  unsigned char s[32];
  to_bytes(s, f);
  return s[0] & 1;
}

struct Constants {
  Fe d, d2, sqrt_m1;
};

// d = −121665 / 121666 and √−1 = 2^((p − 1) / 4), derived rather than typed in.
const Constants& constants() {
  static const Constants c = [] {
    Constants k;
    k.d = carry(mul(neg(small(121665)), invert(small(121666))));
    k.d2 = carry(add(k.d, k.d));
    // (p − 1) / 4 = 2 · (2^252 − 3) + 1.
    k.sqrt_m1 = carry(mul(square(pow_p58(small(2))), small(2)));
    return k;
  }();
  return c;
}

// Extended (X : Y : Z : T) with x = X/Z, y = Y/Z, xy = T/Z.
struct Point {
  Fe X, Y, Z, T;
};
// A sum not yet normalized: x = X/Z, y = Y/T.
struct Completed {
  Fe X, Y, Z, T;
};
// A point prepared as the second operand of a general addition.
struct Cached {
  Fe y_plus_x, y_minus_x, Z, T2d;
};

Point identity() { return Point{small(0), small(1), small(1), small(0)}; }

Point to_point(const Completed& p) {
  return Point{mul(p.X, p.T), mul(p.Y, p.Z), mul(p.Z, p.T), mul(p.X, p.Y)};
}

Cached to_cached(const Point& p) {
  return Cached{add(p.Y, p.X), sub(p.Y, p.X), p.Z, mul(p.T, constants().d2)};
}

Completed add(const Point& p, const Cached& q) {
  const Fe a = mul(add(p.Y, p.X), q.y_plus_x);
  const Fe b = mul(sub(p.Y, p.X), q.y_minus_x);
  const Fe c = mul(q.T2d, p.T);
  const Fe zz = mul(p.Z, q.Z);
  const Fe d = add(zz, zz);
  return Completed{sub(a, b), add(a, b), add(d, c), sub(d, c)};
}

// p ± q for a table entry q; negating q swaps y + x with y − x and negates 2dxy.
Completed add_affine(const Point& p, const Fe& y_plus_x, const Fe& y_minus_x, const Fe& xy2d,
                     bool negate) {
  const Fe a = mul(add(p.Y, p.X), negate ? y_minus_x : y_plus_x);
  const Fe b = mul(sub(p.Y, p.X), negate ? y_plus_x : y_minus_x);
  const Fe c = mul(xy2d, p.T);
  const Fe d = add(p.Z, p.Z);
  return negate ? Completed{sub(a, b), add(a, b), sub(d, c), add(d, c)}
                : Completed{sub(a, b), add(a, b), add(d, c), sub(d, c)};
}

Point twice(const Point& p) {
  const Fe xx = square(p.X);
  const Fe yy = square(p.Y);
  const Fe zz = square(p.Z);
  const Fe zz2 = add(zz, zz);
  const Fe xy2 = square(add(p.X, p.Y));
  const Fe y_sum = add(yy, xx);
  const Fe y_diff = sub(yy, xx);
  return to_point(Completed{sub(xy2, y_sum), y_sum, y_diff, sub(zz2, y_diff)});
}

// RFC 8032 §5.1.3: y from the low 255 bits, x from y and the sign bit. False when no x exists.
bool decode(Point& out, const unsigned char s[32]) {
  const Constants& k = constants();
  const Fe y = from_bytes(s);
  const Fe yy = square(y);
  const Fe u = sub(yy, small(1));
  const Fe v = add(mul(yy, k.d), small(1));
  const Fe v3 = mul(square(v), v);
  // x = u·v³·(u·v⁷)^((p − 5) / 8)
  Fe x = mul(mul(v3, u), pow_p58(mul(mul(square(v3), v), u)));
  const Fe vxx = mul(v, square(x));
  if (!is_zero(sub(vxx, u))) {
    if (!is_zero(add(vxx, u))) return false;
    x = mul(x, k.sqrt_m1);
  }
  if (is_negative(x) != static_cast<bool>(s[31] >> 7)) x = neg(x);
  x = carry(x);
  out = Point{x, carry(y), small(1), mul(x, y)};
  return true;
}

void encode(unsigned char s[32], const Point& p) {
  const Fe z_inverse = invert(p.Z);
  to_bytes(s, mul(p.Y, z_inverse));
  s[31] ^= static_cast<unsigned char>(is_negative(mul(p.X, z_inverse)) << 7);
}

// Little-endian L = 2^252 + 27742317777372353535851937790883648493, the group order.
constexpr unsigned char kOrder[32] = {
    0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0x10};

bool below_order(const unsigned char s[32]) {
  for (int i = 31; i >= 0; --i) {
    if (s[i] != kOrder[i]) return s[i] < kOrder[i];
  }
  return false;
}

// a = Σ e[i]·16^i with every e[i] in [−8, 8]; needs a < 2^255.
void signed_digits(signed char e[64], const unsigned char a[32]) {
  for (int i = 0; i < 32; ++i) {
    e[2 * i] = static_cast<signed char>(a[i] & 15);
    e[2 * i + 1] = static_cast<signed char>(a[i] >> 4);
  }
  signed char carry_digit = 0;
  for (int i = 0; i < 63; ++i) {
    e[i] = static_cast<signed char>(e[i] + carry_digit);
    carry_digit = static_cast<signed char>((e[i] + 8) >> 4);
    e[i] = static_cast<signed char>(e[i] - carry_digit * 16);
  }
  e[63] = static_cast<signed char>(e[63] + carry_digit);
}

}  // namespace

// j · 16^i · P for i in [0, 64) and j in [1, 8], affine, as (y + x, y − x, 2dxy).
struct Ed25519KeyTable::Multiples {
  struct Entry {
    Fe y_plus_x, y_minus_x, xy2d;
  };
  Entry at[64][8];

  explicit Multiples(const Point& p) {
    std::vector<Point> points(64 * 8);
    Point step = p;  // 16^i · P
    for (int i = 0; i < 64; ++i) {
      const Cached c = to_cached(step);
      points[i * 8] = step;
      for (int j = 1; j < 8; ++j) points[i * 8 + j] = to_point(add(points[i * 8 + j - 1], c));
      for (int n = 0; n < 4; ++n) step = twice(step);
    }
    // One inversion for all 512 points (Montgomery's trick).
    std::vector<Fe> prefix(points.size());
    Fe product = small(1);
    for (std::size_t n = 0; n < points.size(); ++n) {
      prefix[n] = product;
      product = mul(product, points[n].Z);
    }
    Fe inverse = invert(product);
    for (std::size_t n = points.size(); n-- > 0;) {
      const Fe z_inverse = mul(inverse, prefix[n]);
      inverse = mul(inverse, points[n].Z);
      const Fe x = mul(points[n].X, z_inverse);
      const Fe y = mul(points[n].Y, z_inverse);
      at[n / 8][n % 8] =
          Entry{carry(add(y, x)), carry(sub(y, x)), carry(mul(mul(x, y), constants().d2))};
    }
  }

  // acc + d · 16^i · P for a digit d in [−8, 8].
  void add_digit(Point& acc, int i, int d) const {
    if (d == 0) return;
    const Entry& e = at[i][(d > 0 ? d : -d) - 1];
    acc = to_point(add_affine(acc, e.y_plus_x, e.y_minus_x, e.xy2d, d < 0));
  }
};

namespace {

const Ed25519KeyTable::Multiples& base_multiples() {
  // The base point B: y = 4/5, x even.
  static const Ed25519KeyTable::Multiples* table = [] {
    unsigned char b[32];
    b[0] = 0x58;
    std::memset(b + 1, 0x66, 31);
    Point base;
    decode(base, b);
    return new Ed25519KeyTable::Multiples(base);
  }();
  return *table;
}

}  // namespace

Ed25519KeyTable::Ed25519KeyTable(std::unique_ptr<Multiples> multiples)
    : multiples_(std::move(multiples)) {}
Ed25519KeyTable::~Ed25519KeyTable() = default;

std::unique_ptr<const Ed25519KeyTable> Ed25519KeyTable::of(const unsigned char key[32]) {
  Point a;
  if (!decode(a, key)) return nullptr;
  return std::unique_ptr<const Ed25519KeyTable>(
      new Ed25519KeyTable(std::make_unique<Multiples>(a)));
}

bool Ed25519KeyTable::verifies(const unsigned char r[32], const unsigned char s[32],
                               const unsigned char k[32]) const {
  if (!below_order(s) || !below_order(k)) return false;
  signed char s_digits[64], k_digits[64];
  signed_digits(s_digits, s);
  signed_digits(k_digits, k);
  const Multiples& base = base_multiples();
  Point sum = identity();
  for (int i = 0; i < 64; ++i) {
    base.add_digit(sum, i, s_digits[i]);
    multiples_->add_digit(sum, i, -k_digits[i]);
  }
  unsigned char encoded[32];
  encode(encoded, sum);
  // libsodium refuses an R of small order; [s]B − [k]A lies in the prime-order subgroup, where
  // only the identity has small order.
  static constexpr unsigned char kIdentity[32] = {1};
  if (std::memcmp(encoded, kIdentity, 32) == 0) return false;
  return std::memcmp(encoded, r, 32) == 0;
}

}  // namespace sanshen
