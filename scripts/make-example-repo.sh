#!/usr/bin/env bash
# make-example-repo.sh <dir> — turn content-example/ (the fictional 青禾县人民政府 site) into a git
# repository with freshly generated ed25519 keys and real SSH-signed 三审 review commits.
#
# Needs only git (>= 2.34) and ssh-keygen. Refuses if <dir> exists and is not empty.
# Keys: <dir>/.git/example-keys/<id> (+ .pub), never committed; allowed signers file
# <dir>/.git/example-keys/allowed_signers (wired to gpg.ssh.allowedSignersFile, so
# `git log --show-signature` and `git verify-commit` work in the repo).
# Introduction: <dir>/.git/sanshen-introduction holds `<commit>:<SHA256:fingerprint>` (the value
# for `sanshen build --introduction` / SANSHEN_INTRODUCTION); stdout also prints
# `introduction: <commit>:<SHA256:fingerprint>`.
#
# Roster (.sanshen/reviewers.toml, generated; sections = all):
#   admin      网站管理员   roles ["admin"], no levels
#   liming     李明 科员           ["初审"]   (also the editor: user.name/user.email of the repo)
#   wangfang   王芳 办公室主任      ["复审"]
#   zhaojun    赵军 副县长          ["终审"]
#   sunli      孙立 县长            ["主要领导"]
#   zhouqiang  周强 保密办主任      ["保密审查"]
#
# Final state at HEAD (the end-to-end test relies on this list):
#   PUBLISHED (full chain, checks clean):
#     content/zwdt/_index.md  content/tzgg/_index.md  content/xxgk/_index.md  content/zcjd/_index.md
#       (section files get 初审/复审/终审 too, in case the build gates them)
#     content/xxgk/2025-farming-plan.md       初审 复审 终审
#     content/zcjd/2025-farming-plan-jd.md    初审 复审 终审
#     content/tzgg/2025-fire.md               初审 复审 终审
#     content/zwdt/2025-spring-farming.md     初审 复审 终审
#     content/xxgk/2025-zwfw-policy.md        初审 复审 终审
#     content/zcjd/2025-zwfw-policy-jd.md     初审 复审 终审
#     content/zwdt/2025-zwfw-center.md        初审 复审 终审
#     content/tzgg/2025-labor-day.md          初审 复审 终审
#   ESCALATED, PUBLISHED:
#     content/xxgk/2025-budget.md             topic 预决算:   初审 复审 终审 主要领导(sunli)
#     content/zcjd/2025-budget-jd.md          topic 预决算:   初审 复审 终审 主要领导(sunli)
#     content/xxgk/2025-renmian.md            topic 人事任免: 初审 复审 终审 保密审查(zhouqiang)
#   PENDING (初审 + 复审 only; refused review.missing-level, level 终审):
#     content/tzgg/2025-flood-season.md
#   PII (full chain, but a valid synthetic 18-digit ID number 450102196803152139 — region
#   450102, born 1968-03-15, GB 11643 check digit computed; not a real person; refused
#   checks.failed / pii.id-card):
#     content/tzgg/2025-subsidy-gongshi.md
#   EDITED AFTER APPROVAL (the approved blob stays published with fallback=true; the current
#   blob has no reviews at all, refused review.missing-level, level 初审):
#     content/zwdt/2025-rural-road.md
#       old: 全部工程计划于2025年10月底前完工。
#       new: 全部工程计划于2025年9月底前完工，年底前完成交工验收。
#   RETURNED (初审 approve, then 复审 `Review-Decision: return` by wangfang; refused review.returned):
#     content/zwdt/2025-q1-economy.md
#
# Commit order (all times +0800; each page's last review is before its displayed `date`):
#   2025-02-10 admin .sanshen/ (signed by admin: the introduction)
#   batch A 02-17 content, 02-18 初审, 02-18 复审, 02-19 终审    (dates from 02-20 10:00)
#   batch B 03-03 content, 03-04 初审, 03-05 复审, 03-06 终审, 03-07 主要领导 (dates from 03-07 10:00)
#   batch C 04-07 content, 04-08 初审, 04-08 复审, 04-09 终审, 04-09 保密审查 (dates from 04-10 09:00)
#   04-15 edit of 2025-rural-road.md (unsigned, no reviews)
#   batch D 04-21 content, 04-22 初审, 04-23 复审 approve, 04-23 复审 return, 04-24 终审 (labor-day)
set -euo pipefail

usage() { echo "usage: $0 <dir>" >&2; exit 2; }
[ $# -eq 1 ] || usage

src="$(cd "$(dirname "${BASH_SOURCE[0]}")/../content-example" && pwd)"
dir="$1"
if [ -e "$dir" ]; then
  [ -d "$dir" ] || { echo "error: $dir exists and is not a directory" >&2; exit 1; }
  if [ -n "$(ls -A "$dir")" ]; then echo "error: $dir exists and is not empty" >&2; exit 1; fi
fi
mkdir -p "$dir"
repo="$(cd "$dir" && pwd)"

# Ignore whatever git config the machine has; everything is set in the repo or with -c.
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY GIT_ALTERNATE_OBJECT_DIRECTORIES \
  GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL
export LC_ALL=C.UTF-8

g() { git -C "$repo" "$@"; }

g init -q -b main
keys="$repo/.git/example-keys"
mkdir -p "$keys"
chmod 700 "$keys"
domain="qinghe.example.gov.cn"

# id | name | title | levels | roles
people=(
  'admin|网站管理员|县政府办公室网站管理员||"admin"'
  'liming|李明|科员|"初审"|'
  'wangfang|王芳|办公室主任|"复审"|'
  'zhaojun|赵军|副县长|"终审"|'
  'sunli|孙立|县长|"主要领导"|'
  'zhouqiang|周强|保密办主任|"保密审查"|'
)
declare -A NAME
roster="$repo/.git/example-keys/reviewers.toml"
{
  echo '# 青禾县人民政府网站审核人员名册（示例，由 scripts/make-example-repo.sh 生成，密钥为新生成）'
  echo '# 人员均为虚构。'
} > "$roster"
: > "$keys/allowed_signers"
for p in "${people[@]}"; do
  IFS='|' read -r id name title levels roles <<<"$p"
  NAME[$id]="$name"
  ssh-keygen -q -t ed25519 -N '' -C "$id@$domain" -f "$keys/$id"
  pub="$(cat "$keys/$id.pub")"
  printf '%s namespaces="git" %s\n' "$id@$domain" "$pub" >> "$keys/allowed_signers"
  {
    echo
    echo '[[reviewer]]'
    echo "id = \"$id\""
    echo "name = \"$name\""
    echo "title = \"$title\""
    echo "keys = [\"$pub\"]"
    echo "levels = [$levels]"
    [ -z "$roles" ] || echo "roles = [$roles]"
    echo 'status = "active"'
  } >> "$roster"
done

g config gpg.format ssh
g config gpg.ssh.allowedSignersFile "$keys/allowed_signers"
g config user.name "${NAME[liming]}"
g config user.email "liming@$domain"
g config commit.gpgsign false
g config core.quotePath false

at() { export GIT_AUTHOR_DATE="$1 +0800" GIT_COMMITTER_DATE="$1 +0800"; }
as() { printf '%s\n' -c "user.name=${NAME[$1]}" -c "user.email=$1@$domain"; }

# put <path relative to content-example>...: copy from content-example into the work tree.
put() {
  local f
  for f in "$@"; do
    mkdir -p "$repo/$(dirname "$f")"
    cp "$src/$f" "$repo/$f"
  done
}

# edit_commit <date> <message> <path>...: the editor's (unsigned) content commit.
edit_commit() {
  local when="$1" msg="$2"; shift 2
  at "$when"
  g add -- "$@"
  g commit -q --no-verify -m "$msg"
}

# review <id> <level> <approve|return> <subject> <opinion> <date> <path>...
review() {
  local id="$1" level="$2" decision="$3" subject="$4" opinion="$5" when="$6"; shift 6
  local msg path blob
  local verb="$level"
  [ "$decision" = approve ] || verb="$level退回"
  msg="$verb：$subject"$'\n\n'"Review-Level: $level"$'\n'
  for path in "$@"; do
    blob="$(g rev-parse --verify "HEAD:$path")"
    msg+="Review-Page: $path $blob"$'\n'
  done
  msg+="Review-Decision: $decision"$'\n'"Review-Opinion: $opinion"$'\n'
  at "$when"
  mapfile -t who < <(as "$id")
  printf '%s' "$msg" | g "${who[@]}" -c "user.signingkey=$keys/$id" \
    commit -q --no-verify --allow-empty --cleanup=verbatim -S -F -
}

# a. governance: .sanshen/ signed by the admin — the introduction commit.
mkdir -p "$repo/.sanshen/rules"
put .sanshen/site.toml .sanshen/policy.toml .sanshen/rules/banned.txt
cp "$roster" "$repo/.sanshen/reviewers.toml"
at "2025-02-10 09:00:00"
mapfile -t who < <(as admin)
g "${who[@]}" -c "user.signingkey=$keys/admin" add .sanshen
g "${who[@]}" -c "user.signingkey=$keys/admin" commit -q --no-verify -S \
  -m "网站管理：初始化站点配置、审核策略、禁用词表和审核人员名册"
intro_commit="$(g rev-parse HEAD)"
admin_fpr="$(ssh-keygen -lf "$keys/admin.pub" | awk '{print $2}')"
intro="$intro_commit:$admin_fpr"
printf '%s\n' "$intro" > "$repo/.git/sanshen-introduction"

# Batch A — 春耕、森林防火 (February).
A=(content/zwdt/_index.md content/tzgg/_index.md content/xxgk/_index.md content/zcjd/_index.md
   content/xxgk/2025-farming-plan.md content/zcjd/2025-farming-plan-jd.md
   content/tzgg/2025-fire.md content/zwdt/2025-spring-farming.md)
put "${A[@]}"
edit_commit "2025-02-17 10:12:00" "新增栏目设置及春季农业生产、森林防火稿件4篇" "${A[@]}"
review liming   初审 approve "春季农业生产工作方案等稿件及栏目设置" \
  "已校对文字、数据和附件，无涉密内容，同意报复审。" "2025-02-18 09:30:00" "${A[@]}"
review wangfang 复审 approve "春季农业生产工作方案等稿件及栏目设置" \
  "同意，请按程序报分管领导终审。" "2025-02-18 15:20:00" "${A[@]}"
review zhaojun  终审 approve "春季农业生产工作方案等稿件及栏目设置" \
  "同意发布。" "2025-02-19 17:40:00" "${A[@]}"

# Batch B — 政务服务、预算公开 (March); 预决算 pages go on to 主要领导.
B=(content/xxgk/2025-zwfw-policy.md content/zcjd/2025-zwfw-policy-jd.md
   content/xxgk/2025-budget.md content/zcjd/2025-budget-jd.md)
put "${B[@]}"
edit_commit "2025-03-03 16:45:00" "新增“高效办成一件事”实施意见及解读、2025年县级预算公开及解读" "${B[@]}"
review liming   初审 approve "“高效办成一件事”实施意见、2025年县级预算公开等稿件" \
  "预算数据已与县人大批准的预算报告逐项核对一致，同意报复审。" "2025-03-04 10:05:00" "${B[@]}"
review wangfang 复审 approve "“高效办成一件事”实施意见、2025年县级预算公开等稿件" \
  "同意，请报分管领导终审；预算公开稿须报主要领导签批。" "2025-03-05 14:30:00" "${B[@]}"
review zhaojun  终审 approve "“高效办成一件事”实施意见、2025年县级预算公开等稿件" \
  "同意发布。预算公开稿请报孙立县长签批。" "2025-03-06 16:30:00" "${B[@]}"
review sunli    主要领导 approve "青禾县2025年县级预算公开及解读" \
  "同意公开。" "2025-03-07 08:50:00" content/xxgk/2025-budget.md content/zcjd/2025-budget-jd.md

# Batch C — 人事任免、补贴公示、农村公路、政务服务 (April); 人事任免 goes on to 保密审查.
C=(content/xxgk/2025-renmian.md content/tzgg/2025-subsidy-gongshi.md
   content/zwdt/2025-rural-road.md content/zwdt/2025-zwfw-center.md)
put "${C[@]}"
edit_commit "2025-04-07 11:20:00" "新增人事任免通知、耕地地力保护补贴公示等稿件4篇" "${C[@]}"
review liming   初审 approve "人事任免通知、耕地地力保护补贴公示等稿件" \
  "已核对任免文件原件和补贴名单，同意报复审。" "2025-04-08 09:40:00" "${C[@]}"
review wangfang 复审 approve "人事任免通知、耕地地力保护补贴公示等稿件" \
  "同意，请报分管领导终审；人事任免稿须送保密审查。" "2025-04-08 16:10:00" "${C[@]}"
review zhaojun  终审 approve "人事任免通知、耕地地力保护补贴公示等稿件" \
  "同意发布。" "2025-04-09 11:20:00" "${C[@]}"
review zhouqiang 保密审查 approve "青禾县人民政府关于陈建国等同志职务任免的通知" \
  "经审查，不涉及国家秘密和工作秘密，同意公开。" "2025-04-09 17:30:00" content/xxgk/2025-renmian.md

# Edit after approval: the approved blob stays online; the new blob has no reviews.
road=content/zwdt/2025-rural-road.md
old_sentence="全部工程计划于2025年10月底前完工。"
new_sentence="全部工程计划于2025年9月底前完工，年底前完成交工验收。"
text="$(cat "$repo/$road")"
[[ "$text" == *"$old_sentence"* ]] || { echo "error: $road lacks the sentence to edit" >&2; exit 1; }
printf '%s\n' "${text/"$old_sentence"/"$new_sentence"}" > "$repo/$road"
edit_commit "2025-04-15 10:05:00" "修改农村公路安全生命防护工程稿件的完工时间" "$road"

# Batch D — 一季度经济（退回）、防汛（待终审）、劳动节公告 (late April).
D=(content/zwdt/2025-q1-economy.md content/tzgg/2025-flood-season.md content/tzgg/2025-labor-day.md)
put "${D[@]}"
edit_commit "2025-04-21 09:30:00" "新增一季度经济运行情况、汛期防汛通知、劳动节办公安排公告" "${D[@]}"
review liming   初审 approve "一季度经济运行情况等稿件3篇" \
  "文字已校对，同意报复审。" "2025-04-22 10:00:00" "${D[@]}"
review wangfang 复审 approve "关于做好2025年汛期防汛抗旱工作的通知等稿件2篇" \
  "同意，请按程序报分管领导终审。" "2025-04-23 15:00:00" \
  content/tzgg/2025-flood-season.md content/tzgg/2025-labor-day.md
review wangfang 复审 return "青禾县2025年一季度经济运行情况" \
  "数据口径与统计局公布不一致，请核实后重新报审。" "2025-04-23 15:20:00" \
  content/zwdt/2025-q1-economy.md
review zhaojun  终审 approve "关于2025年劳动节期间县政务服务中心办公时间安排的公告" \
  "同意发布。" "2025-04-24 10:30:00" content/tzgg/2025-labor-day.md

unset GIT_AUTHOR_DATE GIT_COMMITTER_DATE
echo "example repository: $repo ($(g rev-list --count HEAD) commits, HEAD $(g rev-parse --short HEAD))"
echo "keys:               $keys (private keys; allowed_signers for git verify-commit)"
echo "introduction: $intro"
