# R survey reference for the ILMS indicator benchmark (issue 6).
#
#   Rscript bench/r-indicators.R [data-dir] [--tasks 1,2,...] [--every K] [--out PATH]
#
# Default data-dir: bench/data/atlantis-1m, with derived.csv and tableset.json written by
# `npx tsx bench/indicators.bench.ts --only export` (the standard table's design columns, the catalogue's variables and
# classifications; the classifications as level numbers, their labels in tableset.json). Default output:
# bench/out/r-indicators-<data-dir name>.csv (key,estimate,se) and -timings.csv. Run from the repository root.
#
# Design, as the Taylor profile (datasets/atlantis-lfs/profile.yaml): svydesign(ids = ~psu1 + psu2, strata = ~strata,
# fpc = ~fpc1 + fpc2, weights = ~weight, data = d), fpc2 = Inf (R wants an fpc for every stage when it has one for the
# first; migstat takes a stage without an fpc column as with replacement, which is what Inf gives). For every task of
# tableset.json (a group of indicators and a subset of its dimensions, of which migstat's computeIndicators makes one
# estimate pass): svyby(~totals, ~by, des, svytotal) and, per denominator, svyby(~numerators, ~by, des, svyratio,
# denominator = ~den); without by-variables svytotal/svyratio.
# na.rm.by = TRUE: rows outside a classification's tabulation (NA) are in no domain of it, as in migstat.
# --tasks times only those tasks (1-based, in tableset.json's order), --every K only the rows of every K-th area (areas
# in order of first appearance, as bench/indicators.bench.ts's rows series): for when the whole set takes too long
# (here R's time grows about 4x when the rows double); the timings file has the domains of each call, to extrapolate
# from. With --every the check against migstat is skipped, and the outputs are named -every<K>.
# Times: the read (fread) apart; svydesign; each task (elapsed); all tasks together. Memory as r-support.R: gc() max
# used and VmHWM, reset before the estimation. Then checks every estimate and SE against
# bench/out/indicators-migstat-<data-dir name>.csv (1e-9 relative) where that file exists.

suppressPackageStartupMessages({
  library(survey)
  library(jsonlite)
})

args <- commandArgs(trailingOnly = TRUE)
dir <- "bench/data/atlantis-1m"
only <- NULL
out <- NULL
every <- 1L
i <- 1
while (i <= length(args)) {
  a <- args[[i]]
  if (a == "--tasks") { only <- as.integer(strsplit(args[[i + 1]], ",")[[1]]); i <- i + 2 }
  else if (a == "--out") { out <- args[[i + 1]]; i <- i + 2 }
  else if (a == "--every") { every <- as.integer(args[[i + 1]]); i <- i + 2 }
  else if (startsWith(a, "--")) stop("unknown option ", a, "; usage: Rscript bench/r-indicators.R [data-dir] [--tasks 1,2,...] [--every K] [--out PATH]")
  else { dir <- a; i <- i + 1 }
}
name <- basename(normalizePath(dir))
if (is.null(out)) out <- file.path("bench/out", sprintf("r-indicators-%s%s.csv", name, if (every > 1) sprintf("-every%d", every) else ""))
csv <- file.path(dir, "derived.csv")
if (!file.exists(csv)) stop("no ", csv, ": run npx tsx bench/indicators.bench.ts --data ", dir, " --only export")

source(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)[1])), "r-support.R"))
cat(sprintf("%s; survey %s; data.table %s (%d thread(s))\n", R.version.string, as.character(packageVersion("survey")),
            as.character(packageVersion("data.table")), data.table::getDTthreads()))

set <- fromJSON(file.path(dir, "tableset.json"), simplifyVector = FALSE)
tasks <- set$tasks
chosen <- if (is.null(only)) seq_along(tasks) else only

# ---- read -------------------------------------------------------------------------------------------------------
invisible(gc(reset = TRUE))
t_read <- system.time(d <- as.data.frame(data.table::fread(csv)))
if (every > 1) {
  areas <- unique(d$psu1)
  d <- d[d$psu1 %in% areas[seq(1, length(areas), by = every)], ]
  cat(sprintf("--every %d: the rows of %d of %d areas\n", every, length(unique(d$psu1)), length(areas)))
}
for (col in names(set$levels)) {
  lv <- unlist(set$levels[[col]])
  d[[col]] <- factor(lv[d[[col]] + 1L], levels = lv)
}
cat(sprintf("read %s: %d rows x %d columns in %.2f s (fread, then the classifications to factors)\n", csv, nrow(d), ncol(d), el(t_read)))

# ---- estimation -------------------------------------------------------------------------------------------------
# R wants an fpc per stage: the households within an area are taken as drawn with replacement (an infinite
# population), as migstat reads a stage without an fpc column
d$fpc2 <- Inf
invisible(gc(reset = TRUE))
hwm_reset <- reset_hwm()
t_design <- system.time(des <- svydesign(ids = ~psu1 + psu2, strata = ~strata, fpc = ~fpc1 + fpc2, weights = ~weight, data = d))
cat(sprintf("svydesign(ids = ~psu1 + psu2, strata = ~strata, fpc = ~fpc1 + fpc2 (Inf), weights = ~weight): %.2f s\n", el(t_design)))

key_rows <- function(r, by, stats) {
  k <- length(stats)
  if (length(by) == 0) {
    return(data.frame(key = paste0("||", stats), estimate = as.vector(coef(r)), se = as.vector(SE(r)), stringsAsFactors = FALSE))
  }
  df <- as.data.frame(r)
  levels <- do.call(paste, c(lapply(by, function(b) as.character(df[[b]])), sep = "+"))
  nb <- length(by)
  do.call(rbind, lapply(seq_len(k), function(j) {
    data.frame(key = paste0(paste(by, collapse = "+"), "|", levels, "|", stats[[j]]),
               estimate = df[[nb + j]], se = df[[nb + k + j]], stringsAsFactors = FALSE)
  }))
}

run_task <- function(task) {
  by <- unlist(task$by)
  totals <- unlist(task$totals)
  byf <- if (length(by)) reformulate(by) else NULL
  rows <- list()
  calls <- 0
  domains <- 0
  if (length(totals)) {
    f <- reformulate(totals)
    r <- if (length(by)) svyby(f, byf, des, svytotal, na.rm.by = TRUE) else svytotal(f, des)
    rows[[length(rows) + 1]] <- key_rows(r, by, paste0("total:", totals))
    calls <- calls + 1
    domains <- domains + if (length(by)) nrow(r) else 1
  }
  for (ra in task$ratios) {
    nums <- unlist(ra$nums)
    den <- ra$den
    r <- if (length(by)) {
      svyby(reformulate(nums), byf, des, svyratio, denominator = reformulate(den), na.rm.by = TRUE)
    } else svyratio(reformulate(nums), reformulate(den), des)
    rows[[length(rows) + 1]] <- key_rows(r, by, paste0("ratio:", nums, "/", den))
    calls <- calls + 1
    domains <- domains + if (length(by)) nrow(r) else 1
  }
  list(rows = do.call(rbind, rows), calls = calls, domains = domains)
}

results <- list()
timing <- data.frame(task = integer(), group = character(), by = character(), calls = integer(), domains = integer(), cells = integer(),
                     seconds = numeric(), stringsAsFactors = FALSE)
t_all <- system.time(for (k in chosen) {
  task <- tasks[[k]]
  t0 <- proc.time()
  res <- run_task(task)
  sec <- el(proc.time() - t0)
  results[[length(results) + 1]] <- res$rows
  by <- paste(unlist(task$by), collapse = "+")
  timing[nrow(timing) + 1, ] <- list(k, task$group, by, res$calls, res$domains, nrow(res$rows), sec)
  cat(sprintf("  task %2d  %-28s by %-40s %d call(s) x domains = %3d, %4d cells: %8.2f s\n", k, task$group, if (by == "") "(none)" else by,
              res$calls, res$domains, nrow(res$rows), sec))
  flush(stdout())
})
g <- gc()
cat(sprintf("%d of %d tasks (%d svyby/svytotal/svyratio calls over %d call-domains, %d cells): %.2f s elapsed (%.3f s per call-domain); svydesign + tasks %.2f s\n",
            length(chosen), length(tasks), sum(timing$calls), sum(timing$domains), sum(timing$cells), el(t_all), el(t_all) / sum(timing$domains),
            el(t_design) + el(t_all)))
cat(sprintf("memory (estimation): gc max used %.0f MB; VmHWM %.0f MB%s\n", gc_max_mb(g), vm_kb("VmHWM") / 1024,
            if (hwm_reset) "" else " (not reset: whole process)"))

res <- do.call(rbind, results)
res <- res[!duplicated(res$key), ]
dir.create(dirname(out), showWarnings = FALSE, recursive = TRUE)
write.csv(data.frame(key = res$key, estimate = fmt(res$estimate), se = fmt(res$se)), out, row.names = FALSE, quote = FALSE)
tim_path <- sub("(\\.csv)?$", "-timings.csv", out)
write.csv(rbind(timing, data.frame(task = NA, group = "svydesign", by = "", calls = 1, domains = 0, cells = 0, seconds = el(t_design)),
                data.frame(task = NA, group = "read", by = "", calls = 0, domains = 0, cells = 0, seconds = el(t_read))), tim_path, row.names = FALSE)
cat(sprintf("wrote %s (%d cells) and %s\n", out, nrow(res), tim_path))

# ---- check against migstat --------------------------------------------------------------------------------------
ref_path <- file.path("bench/out", sprintf("indicators-migstat-%s.csv", name))
if (every == 1 && file.exists(ref_path)) {
  ref <- read.csv(ref_path, stringsAsFactors = FALSE, colClasses = c("character", "numeric", "numeric"))
  m <- merge(res, ref, by = "key", suffixes = c(".r", ".m"))
  rel <- function(a, b) ifelse(b == 0, abs(a), abs(a - b) / abs(b))
  de <- rel(m$estimate.m, m$estimate.r)
  ds <- rel(m$se.m, m$se.r)
  cat(sprintf("check against %s: %d of R's %d cells matched by key; max relative difference: estimate %.2e, SE %.2e\n",
              ref_path, nrow(m), nrow(res), max(de), max(ds)))
  bad <- m[!(de <= 1e-9 & ds <= 1e-9), ]
  if (nrow(m) < nrow(res) || nrow(bad) > 0 || (is.null(only) && nrow(m) < nrow(ref))) {
    cat("  DISAGREE:\n")
    print(head(bad, 20))
    quit(status = 1)
  }
}
