package io.gmmflow.linalg;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * erfc, log erfc and log Phi against reference values computed with mpmath 1.3.0 at 30 digits
 * ({@code mp.erfc}, {@code mp.log(mp.erfc(x))}, {@code mp.log(mp.ncdf(z))}; log Phi(10) at 80 digits,
 * since 1 - 7.6e-24 keeps too few of the tail's digits at 30). Tolerance 4e-15
 * relative: Cody's approximations are good to ~1e-16 and the reconstruction exp(-y^2) erfcx(y)
 * adds a few ulps.
 */
class ErrorFunctionsTest {

    @ParameterizedTest
    @CsvSource({
        "-5, 1.9999999999984625402, 0.69314718055917657952",
        "-1, 1.8427007929497148693, 0.61123231767807049464",
        "-0.3, 1.3286267594591274276, 0.28414589714140825864",
        "0, 1.0, 0.0",
        "0.3, 0.67137324054087257236, -0.39843005144008528965",
        "0.46875, 0.50738652678206200841, -0.67848218561439609899",
        "0.5, 0.47950012218695346232, -0.73501112983708440303",
        "1, 0.15729920705028513066, -1.8496055099332482486",
        "2, 0.0046777349810472658379, -5.3649412646166375745",
        "3.9, 3.4792248597231742278e-8, -17.173871216435403526",
        "4, 1.5417257900280018852e-8, -17.987778312103006503",
        "4.1, 6.7000276540848983727e-9, -18.821154183082650817",
        "6, 2.1519736712498913117e-17, -38.377561173223388366",
        "10, 2.088487583762544757e-45, -102.87988902484488857",
        "26, 5.6631924088561428465e-296, -679.83119976319423026",
    })
    void erfcAndLogErfcMatchMpmath(double x, double erfc, double logErfc) {
        assertThat(relErr(ErrorFunctions.erfc(x), erfc)).isLessThan(4e-15);
        assertThat(Math.abs(ErrorFunctions.logErfc(x) - logErfc)).isLessThan(4e-15 * Math.max(1.0, Math.abs(logErfc)));
        assertThat(Math.abs(ErrorFunctions.erf(x) - (1.0 - erfc))).isLessThan(4e-16 + 4e-15 * Math.abs(1.0 - erfc));
    }

    /** Where erfc underflows (x >= 26.6) the log form must stay exact. */
    @ParameterizedTest
    @CsvSource({
        "26.6, -711.41398156849611619",
        "27, -732.86888650789741098",
        "30, -903.97411711064387808",
        "100, -10005.177585122664333",
        "1000, -1000007.4801207219062",
    })
    void logErfcBeyondUnderflow(double x, double logErfc) {
        assertThat(Math.abs(ErrorFunctions.logErfc(x) - logErfc) / Math.abs(logErfc)).isLessThan(4e-15);
    }

    @ParameterizedTest
    @CsvSource({
        "-40, -804.60844201375378817",
        "-10, -53.231285150512470578",
        "-1, -1.8410216450092635058",
        "0, -0.69314718055994530942",
        "1, -0.17275377902344988953",
        "5, -2.8665161296376359338e-7",
        "10, -7.619853024160526066e-24",
    })
    void logNormalCdfMatchesMpmath(double z, double logPhi) {
        assertThat(relErr(ErrorFunctions.logNormalCdf(z), logPhi)).isLessThan(4e-15);
    }

    @ParameterizedTest
    @CsvSource({"0.1", "0.7", "2.5", "5", "20"})
    void erfcxIsExpTimesErfcAndReflects(double x) {
        double direct = Math.exp(x * x) * ErrorFunctions.erfc(x);
        assertThat(relErr(ErrorFunctions.erfcx(x), direct)).isLessThan(1e-14);
        // erfc(-x) = 2 - erfc(x)
        assertThat(relErr(ErrorFunctions.erfc(-x), 2.0 - ErrorFunctions.erfc(x))).isLessThan(1e-15);
    }

    private static double relErr(double a, double b) {
        return b == 0 ? Math.abs(a) : Math.abs(a - b) / Math.abs(b);
    }
}
