package dev.strata.keras;

import io.jhdf.api.Dataset;
import java.lang.reflect.Array;

/** Turns jhdf's datasets (flat primitive arrays of any numeric type) into doubles. */
final class Hdf5Arrays {
    private Hdf5Arrays() {}

    static WeightArray read(String name, Dataset d) {
        Object flat = d.getDataFlat();
        int n = Array.getLength(flat);
        double[] v = new double[n];
        if (flat instanceof float[] f) for (int i = 0; i < n; i++) v[i] = f[i];
        else if (flat instanceof double[] f) System.arraycopy(f, 0, v, 0, n);
        else for (int i = 0; i < n; i++) v[i] = ((Number) Array.get(flat, i)).doubleValue();
        return new WeightArray(name, d.getDimensions(), v);
    }

    /** A string attribute (jhdf gives a String or a one-element String array). */
    static String text(Object data) {
        if (data instanceof String s) return s;
        if (data instanceof String[] a && a.length == 1) return a[0];
        return null;
    }

    /** A string-list attribute such as {@code weight_names}; empty when absent. */
    static String[] texts(Object data) {
        if (data instanceof String[] a) return a;
        if (data instanceof String s) return new String[] {s};
        return new String[0];
    }
}
