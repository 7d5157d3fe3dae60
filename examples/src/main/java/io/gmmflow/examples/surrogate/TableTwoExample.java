package io.gmmflow.examples.surrogate;

import io.gmmflow.api.Gaussian;
import io.gmmflow.api.Parameters;
import io.gmmflow.surrogate.GapDiagnostics;
import io.gmmflow.surrogate.TableTwo;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Reprints seed 000 Table II: for each scenario the printed row and, below it, ours. Row 1 is the
 * seed's own pair (d = 1, Sigma0 = 1, Sigma1 = 4, |dmu| = 2) and must agree to the printed digits; the
 * other rows are the pairs of {@link TableTwo} built in the same regime (rho_hat, kappa, |dS|, comm
 * matched by {@link FitTableTwo}; W2^2 matched through the mean shift where the covariance part allows),
 * with our W2^2, C and gap computed on them, and the regime map's advice.
 * Run: {@code java -cp ... io.gmmflow.examples.surrogate.TableTwoExample}.
 */
public final class TableTwoExample {

    private TableTwoExample() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        String header = String.format(Locale.ROOT, "%-26s %3s %-7s %9s %11s %9s %6s %9s %9s %9s %10s %10s  %s",
                "Name", "dim", "", "rho_hat", "kappa", "|dS|", "comm", "W2^2", "C", "gap", "|W2-(m+Q)|", "|C-(m+Q)|",
                "advice");
        out.println(header);
        out.println("-".repeat(header.length() + 30));
        for (TableTwo.Row row : TableTwo.rows()) {
            TableTwo.Printed p = row.printed();
            out.println(line(p.name(), p.dimension(), "printed", p.rhoHat(), p.kappa(), p.deltaSigmaNorm(), p.comm(),
                    p.w2(), p.surrogate(), p.gap(), p.w2ProxyDistance(), p.surrogateProxyDistance(),
                    "(Section VII-A: " + row.expected() + ")"));
            Gaussian[] pair = row.pair();
            GapDiagnostics g = GapDiagnostics.of(pair[0], pair[1], Parameters.of("splitWorkLimit", 0));
            out.println(line("", p.dimension(), "ours", g.rhoHat(), g.kappa(), g.deltaSigmaNorm(), g.comm(), g.w2(),
                    g.surrogate(), g.gap(), g.w2ProxyDistance(), g.surrogateProxyDistance(),
                    g.recommended() + " [" + g.recommendation().regime() + "]"));
        }
    }

    private static String line(String name, int d, String which, double rho, double kappa, double ds, double comm,
            double w2, double c, double gap, double dw, double dc, String advice) {
        return String.format(Locale.ROOT, "%-26s %3d %-7s %9.2f %11.2f %9.2f %6.2f %9.2f %9.2f %9.2f %10.2f %10.2f  %s",
                name, d, which, rho, kappa, ds, comm, w2, c, gap, dw, dc, advice);
    }
}
