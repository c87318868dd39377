/**
 * The data layer: reading data sets and preparing them for training, in plain Java arrays
 * (independent of the engine).
 *
 * <ul>
 *   <li>Reading: {@link dev.strata.data.CsvReader} (with {@link dev.strata.data.CsvOptions}) gives
 *       a {@link dev.strata.data.Table}; {@link dev.strata.data.IdxReader} and
 *       {@link dev.strata.data.Mnist} read IDX files; {@link dev.strata.data.DatasetCache}
 *       downloads files and checks them against pinned SHA-256 sums.</li>
 *   <li>Cleaning: {@link dev.strata.data.MissingValues} policies, applied explicitly.</li>
 *   <li>Preparing: {@link dev.strata.data.StandardScaler}, {@link dev.strata.data.MinMaxScaler},
 *       {@link dev.strata.data.OneHot}, {@link dev.strata.data.Split}.</li>
 * </ul>
 *
 * <p>Bad data is never coerced: it raises a {@link dev.strata.data.DataFormatException} that
 * names the file, line and column.
 */
package dev.strata.data;
