// SPEC §5 — automatic differentiation as a user feature.
// f(x) = x³ − 3x² + 4x has f'(x) = 3x² − 6x + 4, so f'(2) = 4; gradient descent on
// g(x) = x² − 4x + 4 = (x − 2)² finds its root 2. Both by reverse-mode autodiff in float64,
// written with Strata's tensor operations (Expr). No data file.
//
//   ./strata samples/autodiff.strata.kts

val dfAt2 = gradient(at = 2.0) { x -> x.pow(3) - 3 * x.pow(2) + 4 * x }
println("f(x) = x^3 - 3x^2 + 4x:  f'(2) = $dfAt2")

// The gradient at a few points, against calculus.
for (at in listOf(-1.0, 0.0, 1.0, 3.0)) {
    val g = gradient(at) { x -> x.pow(3) - 3 * x.pow(2) + 4 * x }
    println("  f'(%4.1f) = %7.3f   (3x^2 - 6x + 4 = %7.3f)".format(java.util.Locale.ROOT, at, g, 3 * at * at - 6 * at + 4))
}

// x ← x − 0.1·g'(x) from x = 0; the error shrinks by 0.8 per step.
val root = minimize(start = 0.0, lr = 0.1, steps = 200) { x -> x.pow(2) - 4 * x + 4 }
println("gradient descent on x^2 - 4x + 4 from 0: x = $root")

println("RESULT df_at_2=$dfAt2 root=%.10f".format(java.util.Locale.ROOT, root))
