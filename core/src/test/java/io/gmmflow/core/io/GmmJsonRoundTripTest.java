package io.gmmflow.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gmmflow.api.GaussianMixture;
import io.gmmflow.api.testing.MixtureArbitraries;
import java.io.StringReader;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Any valid mixture (K <= 5, d <= 5, full / diagonal / spherical, weight-0 components, means that
 * are arbitrary finite bit patterns, covariances from 1e-100 to 1e100) survives the JSON file format
 * and the Jackson tree exactly: {@link GaussianMixture#equals} compares the doubles bit for bit.
 */
class GmmJsonRoundTripTest {

    @Provide
    Arbitrary<GaussianMixture> mixtures() {
        return MixtureArbitraries.anyMixture(5, 5);
    }

    @Property(tries = 500, seed = "314159")
    void anyValidMixtureRoundTripsExactly(@ForAll("mixtures") GaussianMixture m) throws Exception {
        String text = GmmJson.write(m);
        GaussianMixture back = GmmJson.read(text);
        assertThat(back).isEqualTo(m);
        for (int i = 0; i < m.size(); i++) {
            assertThat(Double.doubleToRawLongBits(back.weight(i))).isEqualTo(Double.doubleToRawLongBits(m.weight(i)));
        }
        assertThat(GmmJson.write(back)).isEqualTo(text);
        // Through Jackson's own serializer too (the route used when a GMM is embedded in other output).
        String compact = new ObjectMapper().writeValueAsString(GmmJson.toTree(m));
        assertThat(GmmJson.read(new StringReader(compact))).isEqualTo(m);
    }
}
