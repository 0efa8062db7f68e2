// The operator's entry point is written by the operator issue (#5).
return 0;
