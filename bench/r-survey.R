# R survey reference for the foundation benchmark.
#
#   Rscript bench/r-survey.R [csv] [out.csv]
#
# Defaults: bench/data/estimate-1m.csv -> bench/out/r-survey.csv
# (paths relative to the repository root; run from there).
#
# Design: svydesign(id=~psu, strata=~stratum, weights=~weight, data=d): Taylor
# linearisation, with-replacement first stage, no fpc. Times (system.time, elapsed)
# the read, the svydesign call, and svyby(...) for svytotal, svymean and svyratio
# separately and together (one system.time around the three, laps inside it); reports peak memory (gc() max used; VmHWM); writes the
# estimates and SEs of each domain to the output CSV (17 significant digits).

suppressPackageStartupMessages(library(survey))

args <- commandArgs(trailingOnly = TRUE)
csv <- if (length(args) >= 1) args[[1]] else "bench/data/estimate-1m.csv"
out <- if (length(args) >= 2) args[[2]] else "bench/out/r-survey.csv"
if (!file.exists(csv)) stop("no such file: ", csv, " (run: npx tsx bench/generate.ts)")

vm_kb <- function(field) {
  st <- tryCatch(readLines("/proc/self/status"), error = function(e) character())
  line <- grep(paste0("^", field, ":"), st, value = TRUE)
  if (length(line) == 0) return(NA_real_)
  as.numeric(sub("^[^0-9]*([0-9]+).*$", "\\1", line[[1]]))
}
# Resets the kernel's peak-RSS counter (VmHWM) for this process; FALSE if not allowed.
reset_hwm <- function() {
  isTRUE(tryCatch({ writeLines("5", "/proc/self/clear_refs"); TRUE }, error = function(e) FALSE,
                  warning = function(w) FALSE))
}
gc_max_mb <- function(g) sum(g[, 6]) # "max used" (Mb) over Ncells + Vcells
el <- function(t) unname(t[["elapsed"]])

cat(sprintf("%s; survey %s\n", R.version.string, as.character(packageVersion("survey"))))

# ---- read -----------------------------------------------------------------
# MIGSTAT_BENCH_READER=read.csv forces utils::read.csv even where data.table is installed.
has_dt <- !identical(Sys.getenv("MIGSTAT_BENCH_READER"), "read.csv") &&
  requireNamespace("data.table", quietly = TRUE)
if (has_dt) invisible(loadNamespace("data.table")) # load before the timer starts
invisible(gc(reset = TRUE))
cat(sprintf("baseline (R + survey loaded): VmRSS %.0f MB\n", vm_kb("VmRSS") / 1024))
if (has_dt) {
  reader <- sprintf("data.table::fread (data.table %s, %d thread(s))",
                    as.character(packageVersion("data.table")), data.table::getDTthreads())
  t_read <- system.time(d <- as.data.frame(data.table::fread(
    csv, colClasses = c(stratum = "integer", psu = "integer", weight = "numeric",
                        domain = "character", y = "numeric", x = "numeric", emp = "integer"))))
} else {
  reader <- "utils::read.csv"
  t_read <- system.time(d <- read.csv(
    csv, colClasses = c("integer", "integer", "numeric", "character", "numeric", "numeric", "integer")))
}
g_read <- gc()
hwm_read_kb <- vm_kb("VmHWM")
cat(sprintf("read: %s rows x %d cols with %s: %.2f s elapsed\n",
            format(nrow(d), big.mark = ","), ncol(d), reader, el(t_read)))
cat(sprintf("  memory after read: gc max used %.0f MB, VmHWM %.0f MB, data.frame %.0f MB\n",
            gc_max_mb(g_read), hwm_read_kb / 1024, as.numeric(object.size(d)) / 1048576))
cat(sprintf("  strata %d, PSUs %d, domains %d\n",
            length(unique(d$stratum)), length(unique(d$psu)), length(unique(d$domain))))

# ---- estimation ---------------------------------------------------------------
invisible(gc(reset = TRUE))
hwm_reset <- reset_hwm()
t_design <- system.time(des <- svydesign(id = ~psu, strata = ~stratum, weights = ~weight, data = d))
# One system.time around the three calls ("together"); each call's own time is a proc.time()
# delta inside it, so no extra gc() runs between them and the parts add up to the whole.
lap <- function(expr) { t0 <- proc.time(); force(expr); proc.time() - t0 }
t_all <- system.time({
  t_total <- lap(r_total <- svyby(~y, ~domain, des, svytotal))
  t_mean <- lap(r_mean <- svyby(~y, ~domain, des, svymean))
  t_ratio <- lap(r_ratio <- svyby(~y, ~domain, denominator = ~x, design = des, FUN = svyratio))
})
g_est <- gc()
hwm_est_kb <- vm_kb("VmHWM")

cat("estimation (elapsed seconds):\n")
cat(sprintf("  svydesign                               %8.2f\n", el(t_design)))
cat(sprintf("  svyby(~y, ~domain, des, svytotal)       %8.2f\n", el(t_total)))
cat(sprintf("  svyby(~y, ~domain, des, svymean)        %8.2f\n", el(t_mean)))
cat(sprintf("  svyby(~y, ~domain, denominator=~x, ...) %8.2f\n", el(t_ratio)))
cat(sprintf("  all three svyby together                %8.2f\n", el(t_all)))
cat(sprintf("  svydesign + all three                   %8.2f\n", el(t_design) + el(t_all)))
cat(sprintf("peak memory during estimation: gc max used %.0f MB; VmHWM %.0f MB (%s)\n",
            gc_max_mb(g_est), hwm_est_kb / 1024,
            if (hwm_reset) "peak RSS since the read" else "peak RSS of the whole process: clear_refs not allowed"))
cat(sprintf("peak memory of the whole run: VmHWM %.0f MB\n", max(hwm_read_kb, hwm_est_kb) / 1024))

# ---- estimates out ------------------------------------------------------------
fmt <- function(v) sprintf("%.17g", v)
rows <- function(stat, r) {
  data.frame(domain = as.character(r$domain), statistic = stat,
             estimate = fmt(as.vector(coef(r))), se = fmt(as.vector(SE(r))), stringsAsFactors = FALSE)
}
res <- rbind(rows("total", r_total), rows("mean", r_mean), rows("ratio", r_ratio))
dir.create(dirname(out), showWarnings = FALSE, recursive = TRUE)
write.csv(res, out, row.names = FALSE, quote = FALSE)
cat(sprintf("wrote %s (%d rows: domain,statistic,estimate,se)\n", out, nrow(res)))

# Machine-readable timings beside the estimates.
tim <- data.frame(
  metric = c("rows", "reader", "read_s", "design_s", "svyby_total_s", "svyby_mean_s", "svyby_ratio_s",
             "svyby_all_s", "gc_max_used_read_mb", "gc_max_used_estimation_mb", "vmhwm_read_mb",
             "vmhwm_estimation_mb", "vmhwm_reset_before_estimation", "r_version", "survey_version"),
  value = c(nrow(d), reader, el(t_read), el(t_design), el(t_total), el(t_mean), el(t_ratio), el(t_all),
            round(gc_max_mb(g_read)), round(gc_max_mb(g_est)), round(hwm_read_kb / 1024),
            round(hwm_est_kb / 1024), hwm_reset, R.version.string, as.character(packageVersion("survey"))))
tim_path <- sub("(\\.csv)?$", "-timings.csv", out)
write.csv(tim, tim_path, row.names = FALSE)
cat(sprintf("wrote %s\n", tim_path))
