package dev.strata.spark.training;

import java.io.Serializable;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction1;

/** Spark's barrier mode from Java: {@code RDD.barrier().mapPartitions} has no Java API, so this adapts a Java function. */
final class Barrier {
    private Barrier() {
    }

    /** Runs {@code f} on every partition of {@code rdd} in one barrier stage (all tasks together). */
    static <T, S> JavaRDD<S> mapPartitions(JavaRDD<T> rdd, FlatMapFunction<java.util.Iterator<T>, S> f, Class<S> type) {
        ClassTag<S> tag = ClassTag$.MODULE$.apply(type);
        return new JavaRDD<>(rdd.rdd().barrier().mapPartitions(new Adapter<>(f), false, tag), tag);
    }

    private static final class Adapter<T, S> extends AbstractFunction1<scala.collection.Iterator<T>, scala.collection.Iterator<S>>
            implements Serializable {
        private static final long serialVersionUID = 1L;
        private final FlatMapFunction<java.util.Iterator<T>, S> f;

        Adapter(FlatMapFunction<java.util.Iterator<T>, S> f) {
            this.f = f;
        }

        @Override
        public scala.collection.Iterator<S> apply(scala.collection.Iterator<T> in) {
            try {
                return scala.jdk.javaapi.CollectionConverters.asScala(f.call(scala.jdk.javaapi.CollectionConverters.asJava(in)));
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
    }
}
