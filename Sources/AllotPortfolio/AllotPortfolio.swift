// Portfolio optimisation: built in the allocation issue.
