#include "core/checks/personal_numbers.h"

#include "core/checks/bank_card.h"
#include "core/checks/byte_set.h"
#include "core/checks/credit_code.h"
#include "core/checks/id_card.h"

namespace sanshen {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_letter(char c) { return is_upper(c) || (c >= 'a' && c <= 'z'); }

// The bytes the scan in run() does anything at: digits, `*` of masks, the letters codes start
// with.
constexpr ByteSet kNumberStart("*0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ");
bool is_alnum(char c) { return is_digit(c) || is_letter(c); }

std::string masked(std::string_view number) {
  std::string out(number);
  for (std::size_t i = 4; i + 4 < out.size(); ++i) out[i] = '*';
  return out;
}

bool is_mobile(std::string_view digits) {
  return digits.size() == 11 && digits[0] == '1' && digits[1] >= '3' && digits[1] <= '9';
}

bool is_date(std::string_view yyyymmdd) {
  for (char c : yyyymmdd)
    if (!is_digit(c)) return false;
  // is_id_card18 checks the date among other things; a number built to pass everything else
  // tells whether the date alone is valid.
  std::string probe = "110101" + std::string(yyyymmdd) + "000";
  probe += id_card_check_char(probe);
  return is_id_card18(probe);
}

// 18 characters of digits and `*` (the last may be `X`), with at least one `*`: a masked ID
// number. Returns true when the mask still shows the birth date and two or more of the tail.
bool reveals_birth_and_tail(std::string_view s) {
  if (is_digit(s[0]) && is_digit(s[1])) {
    const int province = (s[0] - '0') * 10 + (s[1] - '0');
    if (province < 11 || province > 82) return false;
  }
  if (!is_date(s.substr(6, 8))) return false;
  int tail = 0;
  for (std::size_t i = 14; i < 18; ++i) tail += s[i] != '*' ? 1 : 0;
  return tail >= 2;
}

}  // namespace

std::vector<std::string_view> PersonalNumbers::rules() const {
  return {"pii.id-card", "pii.bank-card", "pii.mobile", "pii.uscc"};
}

void PersonalNumbers::run(const CheckText& text, std::span<const LiteralMatch>,
                          std::vector<RuleHit>& out) const {
  const std::string& t = text.normalized.text();
  const std::size_t n = t.size();
  auto report = [&](const char* rule, std::size_t begin, std::size_t end, std::string_view digits,
                    const std::string& what) {
    out.push_back({rule, text.normalized.original_span({begin, end}),
                   what + " " + masked(digits) + "：个人信息须脱敏后发布 (unmasked personal data)"});
  };
  auto letter_at = [&](std::size_t i) { return i < n && is_letter(t[i]); };
  auto letter_before = [&](std::size_t i) { return i > 0 && is_letter(t[i - 1]); };
  // A single run: ID card first, so an 18-digit ID that also passes Luhn is not a bank card.
  auto check_run = [&](std::size_t begin, std::size_t end) {
    const std::size_t len = end - begin;
    const bool x_after = end < n && (t[end] == 'X' || t[end] == 'x');
    if (len == 17 && x_after && !(end + 1 < n && is_alnum(t[end + 1]))) {
      const std::string_view id(t.data() + begin, 18);
      if (is_id_card18(id)) report("pii.id-card", begin, end + 1, id, "居民身份证号");
      return;
    }
    if (x_after) return;  // the X makes it a longer token than a number
    const std::string_view run(t.data() + begin, len);
    if (is_id_card18(run)) {
      report("pii.id-card", begin, end, run, "居民身份证号");
    } else if (is_id_card15(run)) {
      report("pii.id-card", begin, end, run, "居民身份证号（15 位）");
    } else if (is_card_number_shape(run) && passes_luhn(run)) {
      report("pii.bank-card", begin, end, run, "银行卡号");
    } else if (is_uscc(run) && !letter_before(begin) && !letter_at(end)) {
      out.push_back({"pii.uscc", text.normalized.original_span({begin, end}),
                     "统一社会信用代码 " + std::string(run) +
                         "：个体工商户等自然人的代码须脱敏后发布 (unified social credit code)"});
    } else if (letter_before(begin) || letter_at(end)) {
      return;
    } else if (is_mobile(run)) {
      report("pii.mobile", begin, end, run, "手机号码");
    } else if (len == 13 && run.starts_with("86") && is_mobile(run.substr(2))) {
      report("pii.mobile", begin, end, run, "手机号码");
    }
  };

  // A masked ID number at i: digits and `*`, 18 characters (the last may be X) that still show
  // birth date and tail. Returns its end, or i.
  auto masked_id = [&](std::size_t i) {
    if (i > 0 && (is_alnum(t[i - 1]) || t[i - 1] == '*')) return i;
    std::size_t end = i;
    bool star = false;
    while (end < n && (is_digit(t[end]) || t[end] == '*')) star |= t[end++] == '*';
    if (end < n && (t[end] == 'X' || t[end] == 'x')) ++end;
    if (!star || end - i != 18 || (end < n && (is_alnum(t[end]) || t[end] == '*')) ||
        !reveals_birth_and_tail(std::string_view(t.data() + i, 18)))
      return i;
    out.push_back({"pii.id-card", text.normalized.original_span({i, end}),
                   "居民身份证号脱敏不足：出生日期和末位同时可见 (masked ID number still shows "
                   "birth date and tail)",
                   true});
    return end;
  };

  std::vector<std::pair<std::size_t, std::size_t>> runs;
  std::size_t i = 0;
  while ((i = kNumberStart.next(t, i)) < n) {
    if (t[i] == '*' || is_digit(t[i])) {
      if (const std::size_t end = masked_id(i); end != i) {
        i = end;
        continue;
      }
    }
    if (!is_digit(t[i])) {
      if (is_upper(t[i]) && (i == 0 || !is_alnum(t[i - 1]))) {
        // Codes that start with a letter (`N2…`, `Y1…`): the digit runs inside them belong to
        // the code, not to a personal number.
        std::size_t end = i;
        while (end < n && (is_digit(t[end]) || is_upper(t[end]))) ++end;
        const std::string_view token(t.data() + i, end - i);
        if (!(end < n && is_alnum(t[end])) && is_uscc(token))
          out.push_back({"pii.uscc", text.normalized.original_span({i, end}),
                         "统一社会信用代码 " + std::string(token) +
                             "：个体工商户等自然人的代码须脱敏后发布 (unified social credit code)"});
        i = end;
        continue;
      }
      ++i;
      continue;
    }
    // A token of digits and uppercase letters starting here, such as `91450100MA5K3C6X2B`.
    {
      std::size_t end = i;
      bool letters = false;
      while (end < n && (is_digit(t[end]) || is_upper(t[end]))) letters |= is_upper(t[end++]);
      if (letters && (i == 0 || !is_alnum(t[i - 1])) && !(end < n && is_alnum(t[end]))) {
        const std::string_view token(t.data() + i, end - i);
        if (!is_id_card18(token) && is_uscc(token)) {
          out.push_back({"pii.uscc", text.normalized.original_span({i, end}),
                         "统一社会信用代码 " + std::string(token) +
                             "：个体工商户等自然人的代码须脱敏后发布 (unified social credit code)"});
          i = end;
          continue;
        }
      }
    }
    // The chain of digit runs joined by one separator, e.g. `6222 0212 3456 7890 128`.
    runs.clear();
    char separator = 0;
    std::size_t p = i;
    while (true) {
      std::size_t end = p;
      while (end < n && is_digit(t[end])) ++end;
      runs.emplace_back(p, end);
      const bool joins = end + 1 < n && (t[end] == ' ' || t[end] == '-') &&
                         (separator == 0 || t[end] == separator) && is_digit(t[end + 1]);
      if (!joins) break;
      separator = t[end];
      p = end + 1;
    }
    const std::size_t chain_end = runs.back().second;
    auto run_len = [&](std::size_t r) { return runs[r].second - runs[r].first; };

    // Grouped card numbers: the runs after the last one that cannot be inside a card (all but
    // the final group have 4 digits), so `账户 3 6222 0212 …` still counts but
    // `6222 0212 3456 7890 128 5678` does not.
    std::size_t first = 0;
    for (std::size_t r = 0; r + 1 < runs.size(); ++r)
      if (run_len(r) != 4) first = r + 1;
    bool grouped_card = false;
    if (runs.size() - first > 1) {
      std::string digits;
      for (std::size_t r = first; r < runs.size(); ++r)
        digits.append(t, runs[r].first, run_len(r));
      if (run_len(runs.size() - 1) <= 4 && is_card_number_shape(digits) && passes_luhn(digits)) {
        report("pii.bank-card", runs[first].first, chain_end, digits, "银行卡号");
        grouped_card = true;
      }
    }
    const std::size_t single_end = grouped_card ? first : runs.size();
    for (std::size_t r = 0; r < single_end; ++r) {
      // A mobile number grouped 3-4-4 (`138 1234 5678`), as a whole chain or after `86`.
      const bool whole_or_after_86 =
          (r == 0 && single_end == 3) ||
          (r == 1 && single_end == 4 && run_len(0) == 2 && t.compare(runs[0].first, 2, "86") == 0);
      if (whole_or_after_86 && run_len(r) == 3 && run_len(r + 1) == 4 && run_len(r + 2) == 4) {
        std::string digits;
        for (std::size_t k = r; k < r + 3; ++k) digits.append(t, runs[k].first, run_len(k));
        if (is_mobile(digits) && !letter_before(runs[0].first) && !letter_at(chain_end)) {
          report("pii.mobile", runs[r].first, runs[r + 2].second, digits, "手机号码");
          r += 2;
          continue;
        }
      }
      check_run(runs[r].first, runs[r].second);
    }
    i = chain_end;
  }
}

}  // namespace sanshen
