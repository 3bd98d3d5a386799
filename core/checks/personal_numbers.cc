#include "core/checks/personal_numbers.h"

#include "core/checks/bank_card.h"
#include "core/checks/id_card.h"

namespace sanshen {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string masked(std::string_view number) {
  std::string out(number);
  for (std::size_t i = 4; i + 4 < out.size(); ++i) out[i] = '*';
  return out;
}

}  // namespace

std::vector<RuleSpec> PersonalNumbers::rules() const {
  return {{"pii.id-card", Severity::kError}, {"pii.bank-card", Severity::kError}};
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
  // A single run: ID card first, so an 18-digit ID that also passes Luhn is not a bank card.
  auto check_run = [&](std::size_t begin, std::size_t end) {
    const std::size_t len = end - begin;
    const bool x_after = end < n && (t[end] == 'X' || t[end] == 'x');
    if (len == 17 && x_after && !(end + 1 < n && is_digit(t[end + 1]))) {
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
    }
  };

  std::vector<std::pair<std::size_t, std::size_t>> runs;
  std::size_t i = 0;
  while (i < n) {
    if (!is_digit(t[i])) {
      ++i;
      continue;
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

    // Grouped card numbers: the runs after the last one that cannot be inside a card (all but
    // the final group have 4 digits), so `账户 3 6222 0212 …` still counts but
    // `6222 0212 3456 7890 128 5678` does not.
    std::size_t first = 0;
    for (std::size_t r = 0; r + 1 < runs.size(); ++r)
      if (runs[r].second - runs[r].first != 4) first = r + 1;
    bool grouped_card = false;
    if (runs.size() - first > 1) {
      const std::size_t last_len = runs.back().second - runs.back().first;
      std::string digits;
      for (std::size_t r = first; r < runs.size(); ++r)
        digits.append(t, runs[r].first, runs[r].second - runs[r].first);
      if (last_len <= 4 && is_card_number_shape(digits) && passes_luhn(digits)) {
        report("pii.bank-card", runs[first].first, chain_end, digits, "银行卡号");
        grouped_card = true;
      }
    }
    for (std::size_t r = 0; r < (grouped_card ? first : runs.size()); ++r)
      check_run(runs[r].first, runs[r].second);
    i = chain_end;
  }
}

}  // namespace sanshen
