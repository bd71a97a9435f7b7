#ifndef ALLOT_CCLP_H
#define ALLOT_CCLP_H

/* A small C interface over COIN-OR Clp's ClpSimplex for Allot's LPs. Beyond Clp's own C interface it can keep Clp's
   work areas and factorization between re-solves (branch-and-bound mode), which Clp_dual cannot: each Clp_dual call
   rebuilds scaling, the row copy and the factorization. Every function catches C++ exceptions. */

#ifdef __cplusplus
extern "C" {
#endif

/** An LP, minimising. */
typedef struct AllotLP AllotLP;

/** Status of a solve. */
enum {
    ALLOT_LP_OPTIMAL = 0,
    ALLOT_LP_INFEASIBLE = 1,
    ALLOT_LP_FAILED = 2
};

/** A new LP from column-major arrays (`starts` has columns + 1 entries); NULL when it cannot be built. */
AllotLP *allot_lp_new(int columns, int rows, const int *starts, const int *indices, const double *values,
                      const double *columnLower, const double *columnUpper, const double *objective,
                      const double *rowLower, const double *rowUpper);
void allot_lp_free(AllotLP *lp);

/** Branch-and-bound mode: no scaling, Dantzig's dual pricing, work areas and factorization kept between re-solves, no
    refactorization after fewer than 20 iterations. A re-solve that does not end optimal is repeated with Clp's defaults. 0 on success. */
int allot_lp_use_branch_and_bound_mode(AllotLP *lp);

/** Appends rows given row-major (`starts` has count + 1 entries); 0 on success. */
int allot_lp_add_rows(AllotLP *lp, int count, const double *lower, const double *upper, const int *starts,
                      const int *columns, const double *values);
/** Sets one column's bounds; 0 on success. */
int allot_lp_set_column_bounds(AllotLP *lp, int column, double lower, double upper);

/** Solves from scratch with presolve, Clp choosing the algorithm. */
int allot_lp_initial_solve(AllotLP *lp);
/** Re-solves by the dual simplex from the current basis (the primal simplex finishes if the dual stops short). */
int allot_lp_resolve(AllotLP *lp);

/** The objective value of the last solve (minimised). */
double allot_lp_objective(const AllotLP *lp);
/** Simplex iterations of the last solve. */
int allot_lp_iterations(const AllotLP *lp);
/** Copies the last solution's column values, reduced costs or row duals into `out` (as long as the column or row
    count); 0 on success. */
int allot_lp_column_solution(const AllotLP *lp, double *out);
int allot_lp_reduced_costs(const AllotLP *lp, double *out);
int allot_lp_row_duals(const AllotLP *lp, double *out);

#ifdef __cplusplus
}
#endif

#endif
