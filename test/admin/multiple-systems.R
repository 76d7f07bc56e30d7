# Gold values for test/admin/multiple-systems.test.ts: Rcapture 1.4-4 (Rivest & Baillargeon), R 4.2.2.
#   Rscript test/admin/multiple-systems.R   -> test/admin/multiple-systems.gold.json
# Rcapture is not packaged by Debian: install it from its source (pure R, NeedsCompilation: no), e.g.
#   R CMD INSTALL -l /tmp/rlib Rcapture_1.4-4.tar.gz ; R_LIBS=/tmp/rlib Rscript test/admin/multiple-systems.R
# Tables: a made-up three-list register table (lists A, B, C) and Rcapture's own four-list `HIV` data.
# For every hierarchical model up to two-way interactions, closedpMS.t gives abundance (n + exp(intercept)), its
# stderr (delta method), deviance, df, AIC (glm's Poisson aic) and BIC; closedpCI.t gives the 95% multinomial
# profile-likelihood interval (Cormack 1992 correction) for the same model.
library(Rcapture)
num <- function(x) if (is.na(x)) "null" else trimws(formatC(x, digits = 15, format = "g"))
table3 <- rbind(c(1,0,0,620), c(0,1,0,410), c(0,0,1,350), c(1,1,0,160), c(1,0,1,95), c(0,1,1,70), c(1,1,1,45))
data(HIV)
one <- function(X, label) {
  t <- ncol(X) - 1
  ms <- closedpMS.t(X, dfreq = TRUE, maxorder = 2)$results
  rows <- character(0)
  for (name in rownames(ms)) {
    ci <- closedpCI.t(X, dfreq = TRUE, mX = name)$CI
    rows <- c(rows, sprintf('      {"model": "%s", "N": %s, "se": %s, "deviance": %s, "df": %s, "aic": %s, "bic": %s, "profileN": %s, "ciLow": %s, "ciHigh": %s}',
      name, num(ms[name, "abundance"]), num(ms[name, "stderr"]), num(ms[name, "deviance"]), num(ms[name, "df"]),
      num(ms[name, "AIC"]), num(ms[name, "BIC"]), num(as.numeric(ci[1, 1])), num(as.numeric(ci[1, 2])), num(as.numeric(ci[1, 3]))))
  }
  hist <- apply(X[, 1:t, drop = FALSE], 1, paste, collapse = "")
  counts <- paste(sprintf('"%s": %d', hist, X[, t + 1]), collapse = ", ")
  sprintf('  "%s": {\n    "lists": %d,\n    "counts": {%s},\n    "models": [\n%s\n    ]\n  }', label, t, counts, paste(rows, collapse = ",\n"))
}
out <- paste0('{\n  "source": "Rcapture 1.4-4 closedpMS.t / closedpCI.t, ', R.version.string, '",\n',
  one(table3, "three"), ',\n', one(as.matrix(HIV), "hiv"), '\n}\n')
args <- commandArgs(trailingOnly = TRUE)
writeLines(out, if (length(args)) args[1] else "test/admin/multiple-systems.gold.json", sep = "")
