package io.gmmflow.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PointsCsvTest {

    @Test
    void readsPointsWithSpacesCrLfBomAndBlankLines() {
        double[][] p = PointsCsv.readPoints("\uFEFF1, 2.5\r\n\r\n -3e-2 ,+4\n.5,7.\n\n");
        assertThat(p).isDeepEqualTo(new double[][] {{1, 2.5}, {-0.03, 4}, {0.5, 7}});
    }

    @Test
    void badFieldsNameLineAndColumn() {
        assertThatThrownBy(() -> PointsCsv.readPoints("1,2\n3,abc\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("line 2, column 2: 'abc' is not a number");
        assertThatThrownBy(() -> PointsCsv.readPoints("1,2\n\nNaN,2\n"))
                .hasMessage("line 3, column 1: 'NaN' is not a number");
        assertThatThrownBy(() -> PointsCsv.readPoints("1,1e999\n"))
                .hasMessage("line 1, column 2: '1e999' is not a finite number");
        assertThatThrownBy(() -> PointsCsv.readPoints("1,,2\n"))
                .hasMessage("line 1, column 2: empty field");
        assertThatThrownBy(() -> PointsCsv.readPoints("1,2,\n"))
                .hasMessage("line 1, column 3: empty field");
        assertThatThrownBy(() -> PointsCsv.readPoints("1;2\n"))
                .hasMessage("line 1, column 1: '1;2' is not a number");
        assertThatThrownBy(() -> PointsCsv.readPoints("0x1p3\n"))
                .hasMessage("line 1, column 1: '0x1p3' is not a number");
    }

    @Test
    void raggedRowsAndEmptyInput() {
        assertThatThrownBy(() -> PointsCsv.readPoints("\n1,2\n3,4\n5,6,7\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("line 4 has 3 columns but line 2 has 2");
        assertThatThrownBy(() -> PointsCsv.readPoints(" \n\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no rows: expected one comma-separated row of numbers per line");
    }

    @Test
    void weightsAreOneNumberPerLine() {
        assertThat(PointsCsv.readWeights("0.25\n0.75\n")).containsExactly(0.25, 0.75);
        assertThatThrownBy(() -> PointsCsv.readWeights("0.25,0.75\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected one number per line, found 2 comma-separated numbers on the first line");
        assertThatThrownBy(() -> PointsCsv.readWeights("0.25\n0.5,0.25\n"))
                .hasMessage("line 2 has 2 columns but line 1 has 1");
        assertThat(PointsCsv.writeWeights(new double[] {0.25, 1e-20})).isEqualTo("0.25\n1.0E-20\n");
    }

    @Test
    void writesRowsAndFlatArrays() {
        assertThat(PointsCsv.writePoints(new double[][] {{1, -0.0}, {1e300, 2.5e-8}}))
                .isEqualTo("1.0,-0.0\n1.0E300,2.5E-8\n");
        assertThat(PointsCsv.writeFlat(new double[] {1, 2, 3, 4}, 2)).isEqualTo("1.0,2.0\n3.0,4.0\n");
        assertThatThrownBy(() -> PointsCsv.writeFlat(new double[] {1, 2, 3}, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("flat array of length 3 is not a whole number of points of dimension 2");
    }

    @Test
    void filesNameTheFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("pts.csv");
        Files.writeString(f, "1,2\n3\n");
        assertThatThrownBy(() -> PointsCsv.readPoints(f))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(f + ": line 2 has 1 columns but line 1 has 2");
        Path missing = dir.resolve("none.csv");
        assertThatThrownBy(() -> PointsCsv.readPoints(missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot read " + missing + ": no such file or directory");
        assertThatThrownBy(() -> PointsCsv.readWeights(missing))
                .hasMessage("cannot read " + missing + ": no such file or directory");
        Path w = dir.resolve("w.csv");
        PointsCsv.writeWeights(new double[] {0.5, 0.5}, w);
        assertThat(PointsCsv.readWeights(w)).containsExactly(0.5, 0.5);
        PointsCsv.writePoints(new double[][] {{1, 2}}, f);
        assertThat(PointsCsv.readMatrix(f)).isDeepEqualTo(new double[][] {{1, 2}});
    }
}
