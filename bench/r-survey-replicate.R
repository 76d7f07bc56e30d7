# R survey reference for the replicate-weight benchmark.
#
#   Rscript bench/r-survey-replicate.R [csv] [out.csv]
#
# Defaults: bench/data/estimate-1m-rep80.csv -> bench/out/r-survey-replicate.csv
# (paths relative to the repository root; run from there). The CSV is written by
#   npx tsx bench/generate.ts --replicates 80
# (the foundation file's seven columns, then the 80 bootstrap replicate weights rw1..rw80).
#
# Design: svrepdesign(weights=~weight, repweights="^rw[0-9]+$", type="bootstrap",
# scale=n/((n-1)(R-1)) with n = 20 PSUs per stratum (the Canty-Davison rescaled bootstrap's
# constant, R survey's bootweights / as.svrepdesign), mse=FALSE, combined.weights=TRUE, data=d).
# migstat's bench/replicate.bench.ts builds the same design with svrepDesign and the same constants.
# Times (system.time, elapsed) the read, the svrepdesign call (which computes the design df, a QR
# of the 1M x 80 replicate weights) and svyby(...) for svytotal, svymean and svyratio separately
# and together (one system.time around the three, laps inside it); reports peak memory (gc() max
# used; VmHWM, reset before the estimation); writes every domain's estimate and SE (17 significant
# digits) to the output CSV and the timings, with degf(des), beside it (<out>-timings.csv).

suppressPackageStartupMessages(library(survey))

args <- commandArgs(trailingOnly = TRUE)
csv <- if (length(args) >= 1) args[[1]] else "bench/data/estimate-1m-rep80.csv"
out <- if (length(args) >= 2) args[[2]] else "bench/out/r-survey-replicate.csv"
if (!file.exists(csv)) stop("no such file: ", csv, " (run: npx tsx bench/generate.ts --replicates 80)")
PSU_PER_STRATUM <- 20 # of the generator: every stratum has 20 PSUs

# Helpers shared with the other R benchmark, beside this script.
source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)[1])), "r-support.R"))

cat(sprintf("%s; survey %s\n", R.version.string, as.character(packageVersion("survey"))))

# ---- read -----------------------------------------------------------------
if (!requireNamespace("data.table", quietly = TRUE)) {
  stop("this benchmark reads its 530 MiB CSV with data.table::fread: apt-get install -y r-cran-data.table")
}
invisible(loadNamespace("data.table")) # load before the timer starts
invisible(gc(reset = TRUE))
cat(sprintf("baseline (R + survey + data.table loaded): VmRSS %.0f MB\n", vm_kb("VmRSS") / 1024))
reader <- sprintf("data.table::fread (data.table %s, %d thread(s))",
                  as.character(packageVersion("data.table")), data.table::getDTthreads())
t_read <- system.time(d <- as.data.frame(data.table::fread(
  csv, colClasses = list(integer = c("stratum", "psu", "emp"), character = "domain"))))
g_read <- gc()
hwm_read_kb <- vm_kb("VmHWM")
rw <- grep("^rw[0-9]+$", names(d), value = TRUE)
R <- length(rw)
if (R < 2) stop("no replicate-weight columns rw1, rw2, ... in ", csv)
cat(sprintf("read: %s rows x %d cols (%d replicate weights) with %s: %.2f s elapsed\n",
            format(nrow(d), big.mark = ","), ncol(d), R, reader, el(t_read)))
cat(sprintf("  memory after read: gc max used %.0f MB, VmHWM %.0f MB, data.frame %.0f MB (weight + replicate columns %.0f MB)\n",
            gc_max_mb(g_read), hwm_read_kb / 1024, as.numeric(object.size(d)) / 1048576,
            as.numeric(object.size(d[, c("weight", rw)])) / 1048576))

# ---- estimation ---------------------------------------------------------------
scale <- PSU_PER_STRATUM / ((PSU_PER_STRATUM - 1) * (R - 1))
invisible(gc(reset = TRUE))
hwm_reset <- reset_hwm()
t_design <- system.time(des <- svrepdesign(
  weights = ~weight, repweights = "^rw[0-9]+$", type = "bootstrap", scale = scale, mse = FALSE,
  data = d, combined.weights = TRUE))
g_design <- gc()
hwm_design_kb <- vm_kb("VmHWM")
invisible(gc(reset = TRUE))
invisible(reset_hwm())
s <- time_svyby(des)
g_est <- gc()
hwm_est_kb <- vm_kb("VmHWM")

cat(sprintf("design: type %s, %d replicates, scale %.17g, mse %s, degf %d\n",
            des$type, ncol(des$repweights), des$scale, des$mse, degf(des)))
print_times("svrepdesign", t_design, s)
how <- if (hwm_reset) "peak RSS since the reset" else "peak RSS of the whole process: clear_refs not allowed"
cat(sprintf("peak memory of svrepdesign: gc max used %.0f MB; VmHWM %.0f MB (%s)\n",
            gc_max_mb(g_design), hwm_design_kb / 1024, how))
cat(sprintf("peak memory of the three svyby: gc max used %.0f MB; VmHWM %.0f MB (%s)\n",
            gc_max_mb(g_est), hwm_est_kb / 1024, how))
cat(sprintf("peak memory of the whole run: VmHWM %.0f MB\n", max(hwm_read_kb, hwm_design_kb, hwm_est_kb) / 1024))

# ---- estimates out ------------------------------------------------------------
write_estimates(out, s)

write_timings(out, list(
  rows = nrow(d), replicates = R, scale = fmt(des$scale), mse = des$mse, degf = degf(des), reader = reader,
  read_s = el(t_read), design_s = el(t_design), svyby_total_s = el(s$t_total), svyby_mean_s = el(s$t_mean),
  svyby_ratio_s = el(s$t_ratio), svyby_all_s = el(s$t_all), gc_max_used_read_mb = round(gc_max_mb(g_read)),
  gc_max_used_design_mb = round(gc_max_mb(g_design)), gc_max_used_estimation_mb = round(gc_max_mb(g_est)),
  vmhwm_read_mb = round(hwm_read_kb / 1024), vmhwm_design_mb = round(hwm_design_kb / 1024),
  vmhwm_estimation_mb = round(hwm_est_kb / 1024), vmhwm_reset = hwm_reset, r_version = R.version.string,
  survey_version = as.character(packageVersion("survey"))))
