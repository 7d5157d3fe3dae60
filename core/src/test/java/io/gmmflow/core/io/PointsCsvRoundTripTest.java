package io.gmmflow.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class PointsCsvRoundTripTest {

    /** Any finite doubles (by bit pattern: subnormals, -0.0, 1e308) read back bit for bit. */
    @Property(tries = 200, seed = "271828")
    void pointsRoundTripExactly(@ForAll @IntRange(min = 1, max = 40) int n, @ForAll @IntRange(min = 1, max = 6) int d,
                                @ForAll long seed) {
        Random r = new Random(seed);
        double[][] p = new double[n][d];
        for (double[] row : p) {
            for (int k = 0; k < d; k++) {
                double x;
                do {
                    x = r.nextBoolean() ? Double.longBitsToDouble(r.nextLong()) : r.nextGaussian();
                } while (!Double.isFinite(x));
                row[k] = x;
            }
        }
        double[][] back = PointsCsv.readPoints(PointsCsv.writePoints(p));
        assertThat(back).isDeepEqualTo(p);
        java.io.StringWriter sw = new java.io.StringWriter();
        PointsCsv.writePoints(p, sw);
        assertThat(sw.toString()).isEqualTo(PointsCsv.writePoints(p));
    }
}
