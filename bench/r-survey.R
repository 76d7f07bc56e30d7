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

# Helpers shared with the other R benchmark, beside this script.
source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)[1])), "r-support.R"))

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
s <- time_svyby(des)
g_est <- gc()
hwm_est_kb <- vm_kb("VmHWM")

print_times("svydesign", t_design, s)
cat(sprintf("peak memory during estimation: gc max used %.0f MB; VmHWM %.0f MB (%s)\n",
            gc_max_mb(g_est), hwm_est_kb / 1024,
            if (hwm_reset) "peak RSS since the read" else "peak RSS of the whole process: clear_refs not allowed"))
cat(sprintf("peak memory of the whole run: VmHWM %.0f MB\n", max(hwm_read_kb, hwm_est_kb) / 1024))

# ---- estimates out ------------------------------------------------------------
write_estimates(out, s)

write_timings(out, list(
  rows = nrow(d), reader = reader, read_s = el(t_read), design_s = el(t_design), svyby_total_s = el(s$t_total),
  svyby_mean_s = el(s$t_mean), svyby_ratio_s = el(s$t_ratio), svyby_all_s = el(s$t_all),
  gc_max_used_read_mb = round(gc_max_mb(g_read)), gc_max_used_estimation_mb = round(gc_max_mb(g_est)),
  vmhwm_read_mb = round(hwm_read_kb / 1024), vmhwm_estimation_mb = round(hwm_est_kb / 1024),
  vmhwm_reset_before_estimation = hwm_reset, r_version = R.version.string,
  survey_version = as.character(packageVersion("survey"))))
