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
lap <- function(expr) { t0 <- proc.time(); force(expr); proc.time() - t0 }
t_all <- system.time({
  t_total <- lap(r_total <- svyby(~y, ~domain, des, svytotal))
  t_mean <- lap(r_mean <- svyby(~y, ~domain, des, svymean))
  t_ratio <- lap(r_ratio <- svyby(~y, ~domain, denominator = ~x, design = des, FUN = svyratio))
})
g_est <- gc()
hwm_est_kb <- vm_kb("VmHWM")

cat(sprintf("design: type %s, %d replicates, scale %.17g, mse %s, degf %d\n",
            des$type, ncol(des$repweights), des$scale, des$mse, degf(des)))
cat("estimation (elapsed seconds):\n")
cat(sprintf("  svrepdesign                             %8.2f\n", el(t_design)))
cat(sprintf("  svyby(~y, ~domain, des, svytotal)       %8.2f\n", el(t_total)))
cat(sprintf("  svyby(~y, ~domain, des, svymean)        %8.2f\n", el(t_mean)))
cat(sprintf("  svyby(~y, ~domain, denominator=~x, ...) %8.2f\n", el(t_ratio)))
cat(sprintf("  all three svyby together                %8.2f\n", el(t_all)))
cat(sprintf("  svrepdesign + all three                 %8.2f\n", el(t_design) + el(t_all)))
how <- if (hwm_reset) "peak RSS since the reset" else "peak RSS of the whole process: clear_refs not allowed"
cat(sprintf("peak memory of svrepdesign: gc max used %.0f MB; VmHWM %.0f MB (%s)\n",
            gc_max_mb(g_design), hwm_design_kb / 1024, how))
cat(sprintf("peak memory of the three svyby: gc max used %.0f MB; VmHWM %.0f MB (%s)\n",
            gc_max_mb(g_est), hwm_est_kb / 1024, how))
cat(sprintf("peak memory of the whole run: VmHWM %.0f MB\n", max(hwm_read_kb, hwm_design_kb, hwm_est_kb) / 1024))

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

tim <- data.frame(
  metric = c("rows", "replicates", "scale", "mse", "degf", "reader", "read_s", "design_s", "svyby_total_s",
             "svyby_mean_s", "svyby_ratio_s", "svyby_all_s", "gc_max_used_read_mb", "gc_max_used_design_mb",
             "gc_max_used_estimation_mb", "vmhwm_read_mb", "vmhwm_design_mb", "vmhwm_estimation_mb",
             "vmhwm_reset", "r_version", "survey_version"),
  value = c(nrow(d), R, fmt(des$scale), des$mse, degf(des), reader, el(t_read), el(t_design), el(t_total),
            el(t_mean), el(t_ratio), el(t_all), round(gc_max_mb(g_read)), round(gc_max_mb(g_design)),
            round(gc_max_mb(g_est)), round(hwm_read_kb / 1024), round(hwm_design_kb / 1024),
            round(hwm_est_kb / 1024), hwm_reset, R.version.string, as.character(packageVersion("survey"))))
tim_path <- sub("(\\.csv)?$", "-timings.csv", out)
write.csv(tim, tim_path, row.names = FALSE)
cat(sprintf("wrote %s\n", tim_path))
