// Why by hand: Clp's C interface re-creates scaling, the row copy and the factorization on every Clp_dual call. In the
// exact re-solve's branch and bound (tens of small re-solves per robustness sample) that start-up and the closing
// refactorization were most of the time: measured on 300-proposal samples, 0.20 s a sample through Clp_dual against
// 0.10 s through ClpSimplex::dual keeping its work areas. This file exposes only the calls Allot needs.
#include "CClp.h"

#include <coin/ClpDualRowDantzig.hpp>
#include <coin/ClpSimplex.hpp>
#include <coin/CoinError.hpp>

#include <algorithm>
#include <exception>
#include <new>

namespace {

// ClpSimplex::dual startFinishOptions: 1 keeps work areas and factorization at the end, 2 reuses the factorization
// when the row count is unchanged (only bounds moved), 4 skips the set-up Clp can tell is unchanged (10% faster again
// on 300-proposal samples, the same portfolios).
constexpr int keepWorkAreas = 1 | 2 | 4;
// ClpModel special options: 2048 skips the refactorization after fewer than 20 iterations, 4096 some optimality
// checks; a result that is not proven optimal is always re-solved with the defaults.
constexpr unsigned fastOptions = 2048 | 4096;

}  // namespace

struct AllotLP {
    ClpSimplex model;
    bool branchAndBound = false;
    unsigned defaultOptions = 0;
    int iterations = 0;
};

namespace {

int statusOf(const ClpSimplex &model) {
    switch (model.status()) {
    case 0: return ALLOT_LP_OPTIMAL;
    case 1: return ALLOT_LP_INFEASIBLE;
    default: return ALLOT_LP_FAILED;
    }
}

template <typename Body>
int guarded(Body body) {
    try {
        return body();
    } catch (...) {
        return ALLOT_LP_FAILED;
    }
}

// The dual simplex, and the primal simplex from where it stopped when it did not finish (numerical trouble).
int solveWithDefaults(AllotLP *lp, int startFinish) {
    lp->model.dual(0, startFinish);
    lp->iterations += lp->model.numberIterations();
    if (lp->model.status() != 0 && lp->model.status() != 1) {
        lp->model.primal(0, startFinish);
        lp->iterations += lp->model.numberIterations();
    }
    return statusOf(lp->model);
}

}  // namespace

extern "C" {

AllotLP *allot_lp_new(int columns, int rows, const int *starts, const int *indices, const double *values,
                      const double *columnLower, const double *columnUpper, const double *objective,
                      const double *rowLower, const double *rowUpper) {
    AllotLP *lp = new (std::nothrow) AllotLP();
    if (!lp) return nullptr;
    int built = guarded([&] {
        lp->model.setLogLevel(0);
        lp->model.loadProblem(columns, rows, starts, indices, values, columnLower, columnUpper, objective, rowLower,
                              rowUpper);
        lp->model.setOptimizationDirection(1);
        lp->defaultOptions = lp->model.specialOptions();
        return 0;
    });
    if (built != 0) {
        delete lp;
        return nullptr;
    }
    return lp;
}

void allot_lp_free(AllotLP *lp) { delete lp; }

int allot_lp_use_branch_and_bound_mode(AllotLP *lp) {
    return guarded([&] {
        lp->branchAndBound = true;
        lp->model.scaling(0);
        // Dantzig's rule: more iterations than steepest edge but cheaper ones on these small re-solves (5% faster).
        ClpDualRowDantzig dantzig;
        lp->model.setDualRowPivotAlgorithm(dantzig);
        return 0;
    });
}

int allot_lp_add_rows(AllotLP *lp, int count, const double *lower, const double *upper, const int *starts,
                      const int *columns, const double *values) {
    return guarded([&] {
        lp->model.addRows(count, lower, upper, starts, columns, values);
        return 0;
    });
}

int allot_lp_set_column_bounds(AllotLP *lp, int column, double lower, double upper) {
    return guarded([&] {
        lp->model.setColumnBounds(column, lower, upper);
        return 0;
    });
}

int allot_lp_initial_solve(AllotLP *lp) {
    return guarded([&] {
        lp->iterations = 0;
        lp->model.initialSolve();
        lp->iterations += lp->model.numberIterations();
        return statusOf(lp->model);
    });
}

int allot_lp_resolve(AllotLP *lp) {
    return guarded([&] {
        lp->iterations = 0;
        if (!lp->branchAndBound) return solveWithDefaults(lp, 0);
        lp->model.setSpecialOptions(lp->defaultOptions | fastOptions);
        lp->model.dual(0, keepWorkAreas);
        lp->iterations += lp->model.numberIterations();
        lp->model.setSpecialOptions(lp->defaultOptions);
        if (lp->model.status() == 0) return (int)ALLOT_LP_OPTIMAL;
        // Not proven optimal (infeasible included): repeated with every check on, and that answer stands.
        return solveWithDefaults(lp, keepWorkAreas);
    });
}

double allot_lp_objective(const AllotLP *lp) { return lp->model.objectiveValue(); }
int allot_lp_iterations(const AllotLP *lp) { return lp->iterations; }


int allot_lp_column_solution(const AllotLP *lp, double *out) {
    const double *values = lp->model.getColSolution();
    if (!values) return ALLOT_LP_FAILED;
    std::copy(values, values + lp->model.numberColumns(), out);
    return 0;
}

int allot_lp_reduced_costs(const AllotLP *lp, double *out) {
    const double *values = lp->model.getReducedCost();
    if (!values) return ALLOT_LP_FAILED;
    std::copy(values, values + lp->model.numberColumns(), out);
    return 0;
}

int allot_lp_row_duals(const AllotLP *lp, double *out) {
    const double *values = lp->model.getRowPrice();
    if (!values) return ALLOT_LP_FAILED;
    std::copy(values, values + lp->model.numberRows(), out);
    return 0;
}

}  // extern "C"
