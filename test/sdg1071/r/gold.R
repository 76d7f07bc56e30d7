# Regenerates the R survey gold of test/sdg1071/se.test.ts: a small stratified cluster sample of migrant workers
# (workers and cost items in standard variables; all amounts in USD) and the SDG 10.7.1 estimates on the in-scope
# workers as a domain of the full design (svymean on subset(): the variance keeps every PSU).
#   Rscript test/sdg1071/r/gold.R    (from the repository root; needs survey and jsonlite)
# Writes test/sdg1071/fixtures/gold-workers.csv, gold-costs.csv and gold.json.
suppressMessages({ library(survey); library(jsonlite) })
set.seed(10701)
out <- "test/sdg1071/fixtures"
n_per_psu <- 5
strata <- rep(1:4, each = 3 * n_per_psu)
psu <- rep(1:12, each = n_per_psu)
n <- length(psu)
w <- c(80, 120, 60, 150)[strata] * round(runif(n, 0.8, 1.2), 2)
sex <- ifelse(runif(n) < 0.6, "M", "F")
dest <- sample(c("SAU", "MYS", "ARE"), n, replace = TRUE)
status <- ifelse(runif(n) < 0.1, "self-employed", "employee")
earn <- round(runif(n, 200, 800))
earn[c(7, 33)] <- 0
start <- as.numeric(as.Date("2022-01-01")) + sample(0:700, n, replace = TRUE)
workers <- data.frame(
  household_id = sprintf("h%02d", 1:n), person_id = "1", stratum = strata, psu = psu, weight = w, sex = sex,
  origin_country = "BGD", destination_country = dest, job_status_abroad = status, job_start_date = start,
  first_month_earnings = earn, first_month_earnings_currency = "USD", first_month_earnings_basis = "gross"
)
# cost items: 0 to 3 per worker, some paid by the employer (not counted)
k <- sample(0:3, n, replace = TRUE)
owner <- rep(1:n, k)
costs <- data.frame(
  household_id = sprintf("h%02d", owner), person_id = "1", cost_type = "recruitment-fee",
  cost_amount = round(runif(length(owner), 50, 1500)), cost_currency = "USD", cost_date = start[owner] - 30,
  cost_paid_by = ifelse(runif(length(owner)) < 0.2, "employer", "worker"), cost_deducted = "no"
)
write.csv(workers, file.path(out, "gold-workers.csv"), row.names = FALSE, quote = FALSE)
write.csv(costs, file.path(out, "gold-costs.csv"), row.names = FALSE, quote = FALSE)

# the SDG 10.7.1 variables: RC (worker-paid), E, r, scope
paid <- costs$cost_paid_by == "worker"
rc <- tapply(costs$cost_amount[paid], factor(owner[paid], levels = 1:n), sum)
rc[is.na(rc)] <- 0
d <- workers
d$rc <- as.numeric(rc)
d$in_scope <- as.integer(d$job_status_abroad == "employee" & d$first_month_earnings > 0)
d$e <- d$first_month_earnings
d$r <- ifelse(d$in_scope == 1, d$rc / pmax(d$e, 1), 0)
des <- svydesign(ids = ~psu, strata = ~stratum, weights = ~weight, data = d)
sub <- subset(des, in_scope == 1)
m <- svymean(~r, sub)
ro <- svyratio(~rc, ~e, sub)
bysex <- svyby(~r, ~sex, sub, svymean)
q <- svyquantile(~r, sub, 0.5, qrule = "math", ci = TRUE)
rep <- as.svrepdesign(des, type = "JKn")
mr <- svymean(~r, subset(rep, in_scope == 1))
gold <- list(
  n_in_scope = sum(d$in_scope), N_in_scope = sum(d$weight[d$in_scope == 1]), degf = degf(des),
  mean_r = unname(coef(m)), se_mean_r = unname(as.numeric(SE(m))), deff_mean_r = unname(deff(svymean(~r, sub, deff = TRUE))),
  ratio = unname(coef(ro)), se_ratio = unname(SE(ro)),
  mean_r_F = unname(coef(bysex)["F"]), se_mean_r_F = unname(SE(bysex)[1]),
  mean_r_M = unname(coef(bysex)["M"]), se_mean_r_M = unname(SE(bysex)[2]),
  median_r = unname(coef(q)), median_ci = unname(as.numeric(confint(q))),
  jkn_mean_r = unname(coef(mr)), jkn_se_mean_r = unname(as.numeric(SE(mr)))
)
writeLines(toJSON(gold, digits = NA, auto_unbox = TRUE, pretty = TRUE), file.path(out, "gold.json"))
cat(sprintf("R survey %s: wrote %s/gold.json\n", packageVersion("survey"), out))
