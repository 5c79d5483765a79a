# Item indices per province under the design SIPAS uses (a fixed sample in each province, so the
# provinces are strata), computed with R's survey package: the reference of
# test/results/items-by-province-matches-r.test.ts.
#
# Usage: Rscript scripts/r/items-by-province.R data.csv items.csv out.csv
#   data.csv  one row per response: province, then one column per item variable (its answer code;
#             empty = missing, whichever kind)
#   items.csv id,variable,positive  (positive codes separated by spaces, e.g. "4 5")
#   out.csv   id,province,estimate,se,valid,missing   (estimate and se on the 0-100 scale, 17 digits)
#
# Method: svydesign(ids = ~1, strata = ~province); per item, svyby(~y, ~province, svyratio,
# denominator = ~v) with y = [answer is positive], v = [answer is valid]: the share of positive
# answers among valid answers, domain estimation on the full design.
suppressMessages(library(survey))
options(survey.lonely.psu = "adjust")
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], colClasses = c(province = "character"))
items <- read.csv(args[2], colClasses = "character")
y <- sapply(seq_len(nrow(items)), function(k) as.numeric(d[[items$variable[k]]] %in% as.integer(strsplit(items$positive[k], " ")[[1]])))
v <- sapply(seq_len(nrow(items)), function(k) as.numeric(!is.na(d[[items$variable[k]]])))
colnames(y) <- paste0("y", seq_len(nrow(items)))
colnames(v) <- paste0("v", seq_len(nrow(items)))
data <- data.frame(province = d$province, y, v)
# Equal probabilities (no weights): survey says so in a warning, which is the intent here.
des <- suppressWarnings(svydesign(ids = ~1, strata = ~province, data = data))
fmt <- function(x) sprintf("%.17g", x)
out <- list()
for (k in seq_len(nrow(items))) {
  r <- svyby(as.formula(paste0("~y", k)), ~province, des, svyratio, denominator = as.formula(paste0("~v", k)))
  valid <- tapply(data[[paste0("v", k)]], data$province, sum)
  rows <- tapply(rep(1, nrow(data)), data$province, sum)
  out[[k]] <- data.frame(id = items$id[k], province = r$province, estimate = fmt(100 * coef(r)), se = fmt(100 * SE(r)),
    valid = valid[r$province], missing = rows[r$province] - valid[r$province])
}
write.csv(do.call(rbind, out), args[3], row.names = FALSE, quote = FALSE)
