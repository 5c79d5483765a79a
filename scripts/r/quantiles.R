# R's values of the distribution functions the statistics module writes itself (normalQuantile,
# studentTQuantile, studentTUpperTail, betaCdf, betaQuantile), on a grid of probabilities, degrees
# of freedom and beta shapes. Usage: Rscript scripts/r/quantiles.R OUT_DIR   (writes quantiles.csv)
args <- commandArgs(trailingOnly = TRUE)
out_dir <- if (length(args) >= 1) args[1] else "test/golden"
ps <- c(1e-10, 1e-6, 1e-4, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5,
        0.6, 0.7, 0.8, 0.9, 0.95, 0.975, 0.99, 0.995, 0.999, 0.9999, 1 - 1e-6)
dfs <- c(1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 29, 30, 40, 60, 100, 200, 500, 999, 1000, 2000, 36524, 1e6)
shapes <- list(c(0.5, 0.5), c(1, 1), c(2, 5), c(5, 2), c(0.3, 4), c(10.5, 3.2), c(3.2, 10.5),
               c(50, 50), c(300.7, 40.1), c(8000.3, 1500.2), c(1, 0.5), c(25.25, 1.5))
ts <- c(0, 0.1, 0.5, 1, 1.5, 1.96, 2, 2.5, 3, 4, 6, 10, 30, 100)
fmt <- function(x) sprintf("%.17g", x)
rows <- list()
add <- function(fn, x, a, b, value) rows[[length(rows) + 1]] <<- c(fn, fmt(x), if (is.na(a)) "NA" else fmt(a), if (is.na(b)) "NA" else fmt(b), fmt(value))
for (p in ps) add("qnorm", p, NA, NA, qnorm(p))
for (df in dfs) for (p in ps) add("qt", p, df, NA, qt(p, df))
for (df in dfs) for (t in ts) add("pt_upper", t, df, NA, pt(t, df, lower.tail = FALSE))
for (s in shapes) for (p in ps) add("qbeta", p, s[1], s[2], qbeta(p, s[1], s[2]))
for (s in shapes) for (x in c(0.001, 0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.8, 0.85, 0.9, 0.95, 0.99, 0.999)) {
  add("pbeta", x, s[1], s[2], pbeta(x, s[1], s[2]))
  add("pbeta_upper", x, s[1], s[2], pbeta(x, s[1], s[2], lower.tail = FALSE))
}
out <- do.call(rbind, rows)
colnames(out) <- c("fn", "x", "a", "b", "value")
write.csv(out, file.path(out_dir, "quantiles.csv"), row.names = FALSE, quote = FALSE)
