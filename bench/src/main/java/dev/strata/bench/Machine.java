package dev.strata.bench;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.nd4j.linalg.factory.Nd4j;

/**
 * What the numbers were measured on: CPU, cores, thread settings, JVM and ND4J natives. Printed at the
 * top of every report, since ratios and GFLOP/s mean little without it.
 */
public final class Machine {

    private Machine() {}

    /** One "key: value" line per fact. */
    public static List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add("cpu: " + cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores available to the JVM");
        lines.add("threads: OMP_NUM_THREADS=" + env("OMP_NUM_THREADS") + " OMP_WAIT_POLICY=" + env("OMP_WAIT_POLICY")
                + " nd4j.maxThreads=" + Nd4j.getEnvironment().maxThreads()
                + " nd4j.maxMasterThreads=" + Nd4j.getEnvironment().maxMasterThreads());
        Properties nd4j = Nd4j.getExecutioner().getEnvironmentInformation();
        lines.add("nd4j: backend=" + nd4j.getOrDefault("backend", "?") + " blas=" + nd4j.getOrDefault("blas.vendor", "?")
                + " natives on class path=" + nativesVariant() + " loaded=" + loadedNatives()
                + " helpers=" + (Nd4j.getEnvironment().helpersAllowed() ? "allowed" : "off"));
        lines.add("load: " + loadAverage() + " (1-min load average at start; above the core count means a shared machine)");
        lines.add("jvm: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + ", max heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB");
        return lines;
    }

    /** The 1-minute load average, or "?" where the OS does not report one. */
    public static String loadAverage() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? "?" : String.format(Locale.ROOT, "%.2f", load);
    }

    /** The CPU model from /proc/cpuinfo, or the architecture when unavailable. */
    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return System.getProperty("os.arch");
    }

    /**
     * The nd4j-native builds on the class path ("default", or e.g. "onednn-avx512") and JavaCPP's platform
     * extension, which picks among them when several are present.
     */
    private static String nativesVariant() {
        Set<String> variants = new TreeSet<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            Path name = Path.of(entry).getFileName();
            String file = name == null ? "" : name.toString();
            if (file.startsWith("nd4j-native-") && file.contains("linux-x86_64")) {
                String variant = file.replaceFirst(".*linux-x86_64-?", "").replaceFirst("\\.jar$", "");
                variants.add(variant.isEmpty() ? "default" : variant);
            }
        }
        String extension = System.getProperty("org.bytedeco.javacpp.platform.extension", "");
        return String.join("+", variants) + (extension.isEmpty() ? "" : " (extension " + extension + ")");
    }

    /**
     * Which nd4j-native build this process actually loaded: the JavaCPP cache directory (named after the
     * jar) of the mapped {@code libnd4jcpu.so}, from /proc/self/maps. "?" where that is unavailable.
     */
    private static String loadedNatives() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                int at = line.indexOf('/');
                if (at >= 0 && line.endsWith("libnd4jcpu.so")) {
                    for (Path p = Path.of(line.substring(at)); p != null; p = p.getParent()) {
                        Path name = p.getFileName();
                        if (name != null && name.toString().startsWith("nd4j-native-")) {
                            return name.toString().replaceFirst("\\.jar$", "");
                        }
                    }
                    return line.substring(at);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: unknown
        }
        return "?";
    }

    private static String env(String name) {
        String v = System.getenv(name);
        return v == null ? "(unset)" : v;
    }
}
