# Golden reference values for src/modules/statistics, computed with R's survey package.
#
# Usage: Rscript scripts/r/golden.R [datasetsDir] [outputDir]
#   defaults: test/golden/datasets  test/golden
# Writes <outputDir>/<dataset>.csv with 17 significant digits, and <dataset>-weights.csv for the
# calibrated designs. Shares are on the 0–100 scale, mean scores on the code scale.
#
# Method (the TypeScript engine mirrors it):
#   * domain estimation on the full design: per (group g, item k) y = [group g, valid, code in 4:5]
#     (the code for the mean item q7), v = [group g, valid]; totals by svytotal with their full
#     covariance, ratios y/v by svycontrast (delta method = ratio linearisation);
#   * elements / components / headline / national mean-of-groups: linear svycontrast on the ratios;
#   * item intervals: svyciprop(method = "xlogit") (closed form of "logit"; checked against
#     "logit" below) and "beta", on subset(design, group == g & valid);
#     composites: Wald est +/- qt(0.975, df) * se with df = degf(subset(design, group == g)),
#     national composites and national mean-of-groups items df = degf(design);
#   * lonely PSUs: options(survey.lonely.psu = "adjust").
suppressMessages(library(survey))
options(survey.lonely.psu = "adjust")

args <- commandArgs(trailingOnly = TRUE)
in_dir <- if (length(args) >= 1) args[1] else "test/golden/datasets"
out_dir <- if (length(args) >= 2) args[2] else "test/golden"
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)

items <- paste0("q", 1:7)
share_item <- c(rep(TRUE, 6), FALSE)
elements <- list(E1 = c("q1", "q2"), E2 = c("q3", "q4", "q5"), E3 = c("q6"))
components <- list(C1 = c("E1", "E2"), C2 = c("E3"))
headline_of <- c(simple = "elements", "design-weights" = "elements", clustered = "components",
                 "post-stratified" = "elements", raked = "components")
G <- 6
fmt <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))

read_population <- function(name) read.csv(file.path(in_dir, paste0(name, "-population.csv")))

make_design <- function(name, d) {
  switch(name,
    simple = svydesign(ids = ~1, weights = rep(1, nrow(d)), data = d),
    "design-weights" = svydesign(ids = ~1, strata = ~stratum, weights = ~weight, data = d),
    clustered = svydesign(ids = ~psu, strata = ~stratum, weights = ~weight, data = d, nest = TRUE),
    "post-stratified" = {
      base <- svydesign(ids = ~1, strata = ~stratum, weights = ~weight, data = d)
      pop <- read_population(name)
      cells <- expand.grid(age = 1:3, sex = 1:2)[, c("sex", "age")]
      cells$Freq <- pop$total[(cells$sex - 1) * 3 + cells$age]
      postStratify(base, ~sex + age, cells)
    },
    raked = {
      base <- svydesign(ids = ~psu, strata = ~stratum, weights = ~weight, data = d, nest = TRUE)
      pop <- read_population(name)
      margin <- function(var) {
        p <- pop[pop$margin == var, ]
        out <- data.frame(level = p$level, Freq = p$total)
        names(out)[1] <- var
        out
      }
      rake(base, list(~sex, ~age, ~urban), list(margin("sex"), margin("age"), margin("urban")))
    })
}

# Composite definitions as coefficients on the item ratios of one block (group or pooled).
composite_coefficients <- function(block, of) {
  r <- function(k) paste0("r_", block, "_", k)
  el <- lapply(elements, function(ks) setNames(rep(1 / length(ks), length(ks)), r(ks)))
  combine <- function(parts) {
    out <- numeric(0)
    for (p in parts) for (nm in names(p)) out[nm] <- (if (nm %in% names(out)) out[[nm]] else 0) + p[[nm]] / length(parts)
    out
  }
  co <- lapply(components, function(es) combine(el[es]))
  hl <- if (of == "elements") combine(el) else combine(co)
  c(setNames(lapply(items, function(k) setNames(1, r(k))), items), el, co, list(headline = hl))
}

run <- function(name) {
  d <- read.csv(file.path(in_dir, paste0(name, ".csv")))
  blocks <- c(as.character(1:G), "all")
  for (b in blocks) for (k in seq_along(items)) {
    q <- d[[items[k]]]
    in_block <- if (b == "all") rep(TRUE, nrow(d)) else d$group == as.integer(b)
    valid <- in_block & !is.na(q)
    score <- if (share_item[k]) as.numeric(q %in% 4:5) else ifelse(is.na(q), 0, q)
    d[[paste0("y_", b, "_", items[k])]] <- ifelse(valid, score, 0)
    d[[paste0("v_", b, "_", items[k])]] <- as.numeric(valid)
  }
  des <- make_design(name, d)
  if (name %in% c("post-stratified", "raked")) {
    writeLines(c("weight", fmt(weights(des))), file.path(out_dir, paste0(name, "-weights.csv")))
  }
  vars <- c(outer(c("y", "v"), outer(blocks, items, paste, sep = "_"), paste, sep = "_"))
  totals <- svytotal(as.formula(paste("~", paste(vars, collapse = "+"))), des)
  ratio_exprs <- list()
  for (b in blocks) for (k in seq_along(items)) {
    nm <- paste0("r_", b, "_", items[k])
    scale <- if (share_item[k]) 100 else 1
    ratio_exprs[[nm]] <- str2lang(sprintf("%d * y_%s_%s / v_%s_%s", scale, b, items[k], b, items[k]))
  }
  ratios <- svycontrast(totals, ratio_exprs)
  out <- list()
  add <- function(mode, group, quantity, est, se, df, lo, hi, lo_b = NA, hi_b = NA) {
    out[[length(out) + 1]] <<- data.frame(national = mode, group = group, quantity = quantity, estimate = fmt(est),
      se = fmt(se), df = df, lower = fmt(lo), upper = fmt(hi), lower_beta = fmt(lo_b), upper_beta = fmt(hi_b))
  }
  item_ci <- function(k, sub, se_check) {
    f <- as.formula(sprintf("~I(%s %%in%% 4:5)", items[k]))
    x <- svyciprop(f, sub, method = "xlogit")
    l <- svyciprop(f, sub, method = "logit")
    b <- svyciprop(f, sub, method = "beta")
    stopifnot(abs(attr(x, "ci") - attr(l, "ci")) < 1e-6, abs(sqrt(attr(x, "var")) * 100 - se_check) < 1e-9)
    100 * c(attr(x, "ci"), attr(b, "ci"))
  }
  group_contrasts <- list()
  for (b in blocks) {
    of <- headline_of[[name]]
    coefs <- composite_coefficients(b, of)
    if (b != "all") group_contrasts[[b]] <- coefs
    est <- svycontrast(ratios, coefs)
    se <- sqrt(diag(vcov(est)))
    sub_block <- if (b == "all") des else subset(des, group == as.integer(b))
    df_block <- degf(sub_block)
    mode <- if (b == "all") "pooled" else "group"
    group_id <- if (b == "all") 0 else as.integer(b)
    for (q in names(coefs)) {
      if (q %in% items) {
        k <- match(q, items)
        sub <- if (b == "all") subset(des, !is.na(d[[q]])) else subset(des, group == as.integer(b) & !is.na(d[[q]]))
        df <- degf(sub)
        if (b != "all") {
          ref <- svyby(as.formula(paste0("~y_", b, "_", q)), ~group, subset(des, group == as.integer(b)), svyratio,
                       denominator = as.formula(paste0("~v_", b, "_", q)))
          stopifnot(abs(SE(ref) * (if (share_item[k]) 100 else 1) - se[[q]]) < 1e-9)
        }
        if (share_item[k]) {
          ci <- item_ci(k, sub, se[[q]])
          add(mode, group_id, q, coef(est)[[q]], se[[q]], df, ci[1], ci[2], ci[3], ci[4])
        } else {
          t <- qt(0.975, df)
          add(mode, group_id, q, coef(est)[[q]], se[[q]], df, coef(est)[[q]] - t * se[[q]], coef(est)[[q]] + t * se[[q]])
        }
      } else {
        df <- if (b == "all") degf(des) else df_block
        t <- qt(0.975, df)
        add(mode, group_id, q, coef(est)[[q]], se[[q]], df, coef(est)[[q]] - t * se[[q]], coef(est)[[q]] + t * se[[q]])
      }
    }
  }
  # National mean of groups: each quantity averaged over the six groups, full covariance.
  national <- lapply(names(group_contrasts[[1]]), function(q) {
    all <- c()
    for (b in names(group_contrasts)) for (nm in names(group_contrasts[[b]][[q]]))
      all[nm] <- group_contrasts[[b]][[q]][[nm]] / G
    all
  })
  names(national) <- names(group_contrasts[[1]])
  est <- svycontrast(ratios, national)
  se <- sqrt(diag(vcov(est)))
  t <- qt(0.975, degf(des))
  for (q in names(national)) add("mean-of-groups", 0, q, coef(est)[[q]], se[[q]], degf(des), coef(est)[[q]] - t * se[[q]], coef(est)[[q]] + t * se[[q]])
  result <- do.call(rbind, out)
  write.csv(result, file.path(out_dir, paste0(name, ".csv")), row.names = FALSE, quote = FALSE)
}

for (name in names(headline_of)) run(name)

# Distribution checks for the quantile functions.
dfs <- c(1, 2, 3, 5, 10, 29, 100, 1000, 36524)
dist <- rbind(
  data.frame(fn = "qt", p = 0.975, a = dfs, b = NA, value = fmt(qt(0.975, dfs))),
  data.frame(fn = "qbeta", p = c(0.025, 0.975, 0.025, 0.975), a = c(10.5, 10.5, 300.7, 8000.3), b = c(3.2, 3.2, 40.1, 1500.2),
             value = fmt(qbeta(c(0.025, 0.975, 0.025, 0.975), c(10.5, 10.5, 300.7, 8000.3), c(3.2, 3.2, 40.1, 1500.2)))))
write.csv(dist, file.path(out_dir, "distributions.csv"), row.names = FALSE, quote = FALSE)
cat("golden files written to", out_dir, "\n")
