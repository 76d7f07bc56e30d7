# Shared by bench/r-survey.R and bench/r-survey-replicate.R: memory probes, timing, and the three svyby calls
# of the foundation workload with their estimates and timings written out.

# A field of /proc/self/status in kB (VmRSS, VmHWM), NA where there is none.
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

# The total, mean and ratio of y (over x) by domain: one system.time around the three calls ("together"); each
# call's own time is a proc.time() delta inside it, so no extra gc() runs between them and the parts add up.
time_svyby <- function(des) {
  lap <- function(expr) { t0 <- proc.time(); force(expr); proc.time() - t0 }
  t_all <- system.time({
    t_total <- lap(r_total <- svyby(~y, ~domain, des, svytotal))
    t_mean <- lap(r_mean <- svyby(~y, ~domain, des, svymean))
    t_ratio <- lap(r_ratio <- svyby(~y, ~domain, denominator = ~x, design = des, FUN = svyratio))
  })
  list(total = r_total, mean = r_mean, ratio = r_ratio,
       t_total = t_total, t_mean = t_mean, t_ratio = t_ratio, t_all = t_all)
}

# Prints the elapsed seconds of the design call and of the three svyby calls.
print_times <- function(design_label, t_design, s) {
  cat("estimation (elapsed seconds):\n")
  cat(sprintf("  %-39s %8.2f\n", design_label, el(t_design)))
  cat(sprintf("  svyby(~y, ~domain, des, svytotal)       %8.2f\n", el(s$t_total)))
  cat(sprintf("  svyby(~y, ~domain, des, svymean)        %8.2f\n", el(s$t_mean)))
  cat(sprintf("  svyby(~y, ~domain, denominator=~x, ...) %8.2f\n", el(s$t_ratio)))
  cat(sprintf("  all three svyby together                %8.2f\n", el(s$t_all)))
  cat(sprintf("  %-39s %8.2f\n", paste(design_label, "+ all three"), el(t_design) + el(s$t_all)))
}

fmt <- function(v) sprintf("%.17g", v)

# Writes every domain's estimate and SE (17 significant digits) to `out`.
write_estimates <- function(out, s) {
  rows <- function(stat, r) {
    data.frame(domain = as.character(r$domain), statistic = stat,
               estimate = fmt(as.vector(coef(r))), se = fmt(as.vector(SE(r))), stringsAsFactors = FALSE)
  }
  res <- rbind(rows("total", s$total), rows("mean", s$mean), rows("ratio", s$ratio))
  dir.create(dirname(out), showWarnings = FALSE, recursive = TRUE)
  write.csv(res, out, row.names = FALSE, quote = FALSE)
  cat(sprintf("wrote %s (%d rows: domain,statistic,estimate,se)\n", out, nrow(res)))
}

# Writes machine-readable timings (metric, value) beside the estimates, as <out>-timings.csv.
write_timings <- function(out, metrics) {
  tim <- data.frame(metric = names(metrics), value = unname(unlist(metrics)))
  tim_path <- sub("(\\.csv)?$", "-timings.csv", out)
  write.csv(tim, tim_path, row.names = FALSE)
  cat(sprintf("wrote %s\n", tim_path))
}
