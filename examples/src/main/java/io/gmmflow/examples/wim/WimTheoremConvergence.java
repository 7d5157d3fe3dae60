package io.gmmflow.examples.wim;

import io.gmmflow.wim.Gmm1d;
import io.gmmflow.wim.InformationMatrices;
import io.gmmflow.wim.InformationMatrixQuadrature;
import io.gmmflow.wim.ScalingLimits;
import java.nio.file.Path;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;

/**
 * The convergence of each scaling theorem of seed 004: the ratio of the quadrature to the stated limit
 * against sigma/d, and the error |ratio - 1| on log-log axes with the rate of the next term.
 *
 * <ul>
 *   <li>Theorem 2 (Fisher, N = 4, p = (.1,.4,.3,.2)): max_i |G_F,ii / lim - 1| and the ratio of the
 *       deviation to the predicted next term;</li>
 *   <li>Theorem 3 (N = 2, p = (.3,.7)) and Theorem 5: |ratio - 1| ~ c sigma^2/d^2 with
 *       c = pi^2/2 + log^2(p1/p2)/2, and the residual after Theorem 5 ~ sigma^4 (also with the seed's
 *       printed coefficient, which leaves sigma^2);</li>
 *   <li>Theorem 4 (the seed's Example 3): both diagonal ratios, and the general second-order asymptote;</li>
 *   <li>Theorem 6 (N = 4, unequal gaps): the theta-mu block against (mu_{i+1} - mu_i)/2 and against the
 *       crossing-point form; Theorem 7: the identity G_F = Sigma G_mumu Sigma^T.</li>
 * </ul>
 * Writes theorem_ratios.png, theorem_errors.png and prints one JSON object (the numbers of THEOREMS.md).
 */
public final class WimTheoremConvergence {

    private WimTheoremConvergence() {
    }

    public static void main(String[] args) {
        Path dir = WimPlots.outputDir(args);
        double[] sig = {0.2, 0.1, 0.05, 0.025, 0.0125, 0.00625};
        int k = sig.length;
        double[] t3ratio = new double[k];
        double[] t3err = new double[k];
        double[] t5err = new double[k];
        double[] t5printed = new double[k];
        double[] t3coef = new double[k];
        double[] p2 = {0.3, 0.7};
        double c = ScalingLimits.secondOrderCoefficient(p2[0], p2[1]);
        double cp = ScalingLimits.secondOrderCoefficientAsPrinted(p2[0], p2[1]);
        for (int i = 0; i < k; i++) {
            double s = sig[i];
            InformationMatrices im = InformationMatrixQuadrature.compute(Gmm1d.of(new double[] {0, 1}, s, p2));
            double r = im.wassersteinScaled()[0][0] / im.wassersteinLimit()[0][0];
            t3ratio[i] = r;
            t3err[i] = Math.abs(r - 1);
            t5err[i] = Math.abs(r - (1 + c * s * s));
            t5printed[i] = Math.abs(r - (1 + cp * s * s));
            t3coef[i] = (r - 1) / (s * s);
        }
        // Theorem 2
        double[] sigF = {0.3, 0.2, 0.15, 0.1, 0.075, 0.06};
        double[] t2err = new double[sigF.length];
        double[] t2pred = new double[sigF.length];
        double[] p4 = {0.1, 0.4, 0.3, 0.2};
        for (int i = 0; i < sigF.length; i++) {
            Gmm1d m = Gmm1d.of(new double[] {0, 1, 2, 3}, sigF[i], p4);
            InformationMatrices im = InformationMatrixQuadrature.compute(m);
            double[][] dev = im.fisherDeviation();
            double[][] pred = ScalingLimits.fisherNextTerm(m);
            double[][] lim = im.fisherLimit();
            for (int a = 0; a < 3; a++) {
                t2err[i] = Math.max(t2err[i], Math.abs(dev[a][a] / lim[a][a]));
                t2pred[i] = Math.max(t2pred[i], Math.abs(dev[a][a] / pred[a][a] - 1));
            }
        }
        // Theorem 4, Example 3
        double[] p3 = {0.2, 0.5, 0.3};
        double[][] t4ratio = new double[2][k];
        double[][] t4second = new double[2][k];
        for (int i = 0; i < k; i++) {
            double s = sig[i];
            Gmm1d m = new Gmm1d(new double[] {-1, 0, 2}, new double[] {s, s, 3 * s}, p3);
            InformationMatrices im = InformationMatrixQuadrature.compute(m);
            double[][] lw = im.logAbsWasserstein();
            double[] so = {ScalingLimits.logDiagonalSecondOrder(1, s, s, p3[0], p3[1]),
                ScalingLimits.logDiagonalSecondOrder(2, s, 3 * s, p3[1], p3[2])};
            for (int a = 0; a < 2; a++) {
                t4ratio[a][i] = im.wassersteinScaled()[a][a] / im.wassersteinLimit()[a][a];
                t4second[a][i] = Math.abs(Math.expm1(lw[a][a] - so[a]));
            }
        }
        // Theorems 6 and 7
        double[] mu6 = {0, 1, 2.5, 3.5};
        double[] t6err = new double[k];
        double[] t6second = new double[k];
        double[] t6mumu = new double[k];
        double[] t7 = new double[k];
        for (int i = 0; i < k; i++) {
            Gmm1d m = Gmm1d.of(mu6, sig[i], p4);
            InformationMatrices im = InformationMatrixQuadrature.compute(m);
            double[][] b = im.wassersteinThetaMu();
            double[][] bl = ScalingLimits.extendedThetaMuLimit(mu6);
            double[][] b2 = ScalingLimits.extendedThetaMuSecondOrder(m);
            double[][] mm = im.wassersteinMuMu();
            for (int a = 0; a < 3; a++) {
                for (int j = 0; j < 4; j++) {
                    t6err[i] = Math.max(t6err[i], Math.abs(b[a][j] - bl[a][j]));
                    t6second[i] = Math.max(t6second[i], Math.abs(b[a][j] - b2[a][j]));
                }
            }
            for (int a = 0; a < 4; a++) {
                t6mumu[i] = Math.max(t6mumu[i], Math.abs(mm[a][a] - p4[a]));
            }
            double[][] f = im.fisherDirect();
            double[][] s7 = ScalingLimits.sandwich(ScalingLimits.theorem7Sigma(p4), mm);
            for (int a = 0; a < 3; a++) {
                for (int j = 0; j < 3; j++) {
                    t7[i] = Math.max(t7[i], Math.abs(f[a][j] - s7[a][j]) / Math.abs(f[a][a]));
                }
            }
        }
        XYChart ratios = WimPlots.chart("Seed 004: quadrature / scaling limit against sigma/d", "sigma / d", "ratio");
        ratios.getStyler().setXAxisLogarithmic(true);
        WimPlots.points(ratios, "Theorem 3 (p = .3, .7)", sig, t3ratio, WimPlots.COLORS[0]);
        WimPlots.points(ratios, "Theorem 4, Example 3, entry 1", scale(sig, 2.0), t4ratio[0], WimPlots.COLORS[1]);
        WimPlots.points(ratios, "Theorem 4, Example 3, entry 2", scale(sig, 2.0), t4ratio[1], WimPlots.COLORS[2]);
        XYChart errors = WimPlots.chart("Seed 004: |quadrature / limit - 1| and the next-term residuals", "sigma / d",
                "error");
        errors.getStyler().setXAxisLogarithmic(true);
        errors.getStyler().setYAxisLogarithmic(true);
        errors.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        WimPlots.points(errors, "Thm 3: |ratio - 1| (~sigma^2)", sig, t3err, WimPlots.COLORS[0]);
        WimPlots.points(errors, "Thm 5 as held: residual (~sigma^4)", sig, floor(t5err), WimPlots.COLORS[1]);
        WimPlots.points(errors, "Thm 5 as printed: residual", sig, floor(t5printed), WimPlots.COLORS[3]);
        WimPlots.points(errors, "Thm 2: max |G_F/lim - 1|", sigF, floor(t2err), WimPlots.COLORS[2]);
        WimPlots.points(errors, "Thm 6: theta-mu block - (mu'-mu)/2", sig, t6err, WimPlots.COLORS[4]);
        WimPlots.points(errors, "Thm 4 Ex. 3 entry 2: |ratio - 1|", scale(sig, 2.0), abs1(t4ratio[1]), WimPlots.COLORS[5]);
        WimPlots.save(ratios, dir.resolve("theorem_ratios.png"));
        WimPlots.save(errors, dir.resolve("theorem_errors.png"));
        StringBuilder j = new StringBuilder("{\"sigmaOverD\":").append(WimPlots.arr(sig));
        j.append(",\"theorem3\":{\"p\":[0.3,0.7],\"ratio\":").append(arr15(t3ratio))
                .append(",\"ratioMinus1OverSigma2\":").append(WimPlots.arr(t3coef))
                .append(",\"rate\":").append(WimPlots.arr(rates(sig, t3err))).append('}');
        j.append(",\"theorem5\":{\"coefficientAsHeld\":").append(WimPlots.num(c)).append(",\"coefficientAsPrinted\":")
                .append(WimPlots.num(cp)).append(",\"residualAsHeld\":").append(WimPlots.arr(t5err))
                .append(",\"rateAsHeld\":").append(WimPlots.arr(rates(sig, t5err)))
                .append(",\"residualAsPrinted\":").append(WimPlots.arr(t5printed)).append('}');
        j.append(",\"theorem2\":{\"sigmaOverD\":").append(WimPlots.arr(sigF)).append(",\"maxRelDeviation\":")
                .append(WimPlots.arr(t2err)).append(",\"nextTermRelError\":").append(WimPlots.arr(t2pred)).append('}');
        j.append(",\"theorem4Example3\":{\"sigmaOverD\":").append(WimPlots.arr(scale(sig, 2.0)))
                .append(",\"ratio1\":").append(arr15(t4ratio[0])).append(",\"ratio2\":").append(arr15(t4ratio[1]))
                .append(",\"rate2\":").append(WimPlots.arr(rates(sig, abs1(t4ratio[1]))))
                .append(",\"secondOrderResidual1\":").append(WimPlots.arr(t4second[0]))
                .append(",\"secondOrderResidual2\":").append(WimPlots.arr(t4second[1]))
                .append(",\"secondOrderRate2\":").append(WimPlots.arr(rates(sig, t4second[1]))).append('}');
        j.append(",\"theorem6\":{\"thetaMuMaxError\":").append(WimPlots.arr(t6err)).append(",\"rate\":")
                .append(WimPlots.arr(rates(sig, t6err))).append(",\"thetaMuCrossingFormError\":")
                .append(WimPlots.arr(t6second)).append(",\"muMuMaxError\":").append(WimPlots.arr(t6mumu)).append('}');
        j.append(",\"theorem7\":{\"maxRelResidual\":").append(WimPlots.arr(t7)).append("}}");
        System.out.println(j);
    }

    private static double[] scale(double[] a, double f) {
        double[] b = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            b[i] = a[i] * f;
        }
        return b;
    }

    private static double[] abs1(double[] a) {
        double[] b = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            b[i] = Math.abs(a[i] - 1);
        }
        return b;
    }

    private static double[] floor(double[] a) {
        double[] b = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            b[i] = Math.max(a[i], 1e-16);
        }
        return b;
    }

    /** Observed orders log(e_{i-1}/e_i) / log(s_{i-1}/s_i). */
    private static double[] rates(double[] s, double[] e) {
        double[] r = new double[s.length - 1];
        for (int i = 1; i < s.length; i++) {
            r[i - 1] = Math.log(e[i - 1] / e[i]) / Math.log(s[i - 1] / s[i]);
        }
        return r;
    }

    private static String arr15(double[] v) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            b.append(i > 0 ? "," : "").append(String.format(Locale.ROOT, "%.12f", v[i]));
        }
        return b.append(']').toString();
    }
}
