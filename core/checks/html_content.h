// html.unsafe and links.hidden (design §5): raw HTML and CSS in page text that runs code or
// hides links and text (暗链). Reads the original text: markup written with full-width
// characters is displayed, not interpreted, so it is neither unsafe nor hiding anything.
#pragma once

#include "core/checks/check.h"

namespace sanshen {

// html.unsafe: `<script`, `<iframe`, `<object`, `<embed` tags; `on…=` event-handler attributes
// inside a tag; `javascript:` / `vbscript:` URLs after `(`, `=`, `<` or a quote.
// links.hidden: in a `style` attribute or a `<style>` block (letters compared caselessly,
// spaces ignored): `display:none`, `visibility:hidden`, `font-size:0`, `opacity:0`, a negative
// `text-indent`, `left`, `top` or `margin-left` of 500 (px) or more (off-screen), `height:0` or
// `width:0` with `overflow:hidden`, and `color` equal to `background`/`background-color` in one
// declaration block; the `hidden` attribute of a tag; zero-width characters (U+200B–U+200D,
// U+2060, U+FEFF) inside the text of a Markdown `[…](…)` link or an `<a>…</a>` element.
class HtmlContent final : public Check {
 public:
  std::vector<std::string_view> rules() const override;
  void run(const CheckText& text, std::span<const LiteralMatch> matches,
           std::vector<RuleHit>& out) const override;
};

}  // namespace sanshen
