<?php
/**
 * The database side of `npm run bench:wordpress`, run by the bench in an
 * instance's settings (as setup.php is):
 *
 *   php bench.php ingest FILE    ingests FILE (one JSON array of events per
 *                                line) through jetonomy_analytics_ingest(),
 *                                batch by batch, and reports the time each took
 *   php bench.php explain S E    EXPLAIN of every report query of both paths
 *                                for the range S..E
 *   php bench.php report S E P   times Reports::stats() for the range on path P
 *                                (no HTTP): the database part of /report
 *   php bench.php queries S E    times each report query of both paths alone
 *
 * The arguments other than the mode come as JSON in JETONOMY_ANALYTICS_SETUP,
 * and one JSON line comes back, as with setup.php.
 *
 * @package Jetonomy_Analytics
 */

if ( 'cli' !== PHP_SAPI ) {
	exit( 1 );
}

$jetonomy_analytics_mode = isset( $argv[1] ) ? $argv[1] : '';
$jetonomy_analytics_args = json_decode( (string) getenv( 'JETONOMY_ANALYTICS_SETUP' ), true );
if ( ! in_array( $jetonomy_analytics_mode, array( 'ingest', 'explain', 'report', 'queries' ), true ) || ! is_array( $jetonomy_analytics_args ) ) {
	fwrite( STDERR, "usage: JETONOMY_ANALYTICS_SETUP='{…}' php bench.php ingest|explain|report\n" );
	exit( 2 );
}

$_SERVER['HTTP_HOST']      = '127.0.0.1:' . (int) $jetonomy_analytics_args['port'];
$_SERVER['SERVER_NAME']    = '127.0.0.1';
$_SERVER['SERVER_PORT']    = (string) (int) $jetonomy_analytics_args['port'];
$_SERVER['REQUEST_URI']    = '/';
$_SERVER['REQUEST_METHOD'] = 'GET';
$_SERVER['SCRIPT_NAME']    = '/index.php';
$_SERVER['PHP_SELF']       = '/index.php';

if ( ! empty( $jetonomy_analytics_args['profile'] ) ) {
	// Keeps every query with its time, to split a batch's time into database and PHP.
	define( 'SAVEQUERIES', true );
}

require rtrim( $jetonomy_analytics_args['abspath'], '/' ) . '/wp-load.php';

/**
 * Prints the result line the bench reads and stops.
 *
 * @param array $result What to report.
 */
function jetonomy_analytics_bench_done( array $result ) {
	echo "\nJETONOMY_ANALYTICS_SETUP_RESULT " . wp_json_encode( $result ) . "\n";
	exit( 0 );
}

if ( ! function_exists( 'jetonomy_analytics_ingest' ) ) {
	jetonomy_analytics_bench_done( array( 'error' => 'The plugin is not active.' ) );
}

if ( 'ingest' === $jetonomy_analytics_mode ) {
	// phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_read_fopen -- a local bench file.
	$jetonomy_analytics_file = fopen( (string) $jetonomy_analytics_args['file'], 'rb' );
	if ( false === $jetonomy_analytics_file ) {
		jetonomy_analytics_bench_done( array( 'error' => 'Cannot read the events file.' ) );
	}
	$jetonomy_analytics_totals = array(
		'events'     => 0,
		'batches'    => 0,
		'applied'    => 0,
		'duplicates' => 0,
		'rejected'   => 0,
		'seconds'    => 0.0,
		'decode'     => 0.0,
	);
	$jetonomy_analytics_batch_seconds = array();
	while ( true ) {
		$jetonomy_analytics_line = fgets( $jetonomy_analytics_file );
		if ( false === $jetonomy_analytics_line ) {
			break;
		}
		$jetonomy_analytics_t0     = hrtime( true );
		$jetonomy_analytics_events = json_decode( $jetonomy_analytics_line, true );
		$jetonomy_analytics_t1     = hrtime( true );
		$jetonomy_analytics_result = jetonomy_analytics_ingest( $jetonomy_analytics_events );
		$jetonomy_analytics_t2     = hrtime( true );
		$jetonomy_analytics_batch_seconds[] = ( $jetonomy_analytics_t2 - $jetonomy_analytics_t1 ) / 1e9;
		$jetonomy_analytics_totals['decode']     += ( $jetonomy_analytics_t1 - $jetonomy_analytics_t0 ) / 1e9;
		$jetonomy_analytics_totals['seconds']    += ( $jetonomy_analytics_t2 - $jetonomy_analytics_t1 ) / 1e9;
		$jetonomy_analytics_totals['events']     += count( $jetonomy_analytics_events );
		$jetonomy_analytics_totals['batches']    += 1;
		$jetonomy_analytics_totals['applied']    += $jetonomy_analytics_result['applied'];
		$jetonomy_analytics_totals['duplicates'] += $jetonomy_analytics_result['duplicates'];
		$jetonomy_analytics_totals['rejected']   += count( $jetonomy_analytics_result['rejected'] );
	}
	fclose( $jetonomy_analytics_file ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_read_fclose
	$jetonomy_analytics_totals['batch_seconds'] = $jetonomy_analytics_batch_seconds;
	if ( ! empty( $jetonomy_analytics_args['profile'] ) ) {
		global $wpdb;
		$jetonomy_analytics_by = array();
		foreach ( $wpdb->queries as $jetonomy_analytics_q ) {
			$jetonomy_analytics_key = preg_replace( '/\s+/', ' ', substr( $jetonomy_analytics_q[0], 0, 60 ) );
			$jetonomy_analytics_key = preg_replace( '/\(.*$/', '', $jetonomy_analytics_key );
			if ( ! isset( $jetonomy_analytics_by[ $jetonomy_analytics_key ] ) ) {
				$jetonomy_analytics_by[ $jetonomy_analytics_key ] = array( 0, 0.0 );
			}
			++$jetonomy_analytics_by[ $jetonomy_analytics_key ][0];
			$jetonomy_analytics_by[ $jetonomy_analytics_key ][1] += $jetonomy_analytics_q[1];
		}
		uasort(
			$jetonomy_analytics_by,
			static function ( $a, $b ) {
				return $b[1] <=> $a[1];
			}
		);
		$jetonomy_analytics_totals['queries'] = $jetonomy_analytics_by;
	}
	jetonomy_analytics_bench_done( $jetonomy_analytics_totals );
}

$jetonomy_analytics_start = (string) $jetonomy_analytics_args['start'];
$jetonomy_analytics_end   = (string) $jetonomy_analytics_args['end'];

if ( 'explain' === $jetonomy_analytics_mode ) {
	global $wpdb;
	$jetonomy_analytics_plans = array();
	foreach ( array( 'direct', 'aggregate' ) as $jetonomy_analytics_path ) {
		foreach ( Jetonomy_Analytics_Reports::queries( $jetonomy_analytics_path, $jetonomy_analytics_start, $jetonomy_analytics_end ) as $jetonomy_analytics_name => $jetonomy_analytics_sql ) {
			// The queries come prepared from Reports::queries().
			$jetonomy_analytics_plans[ $jetonomy_analytics_path ][ $jetonomy_analytics_name ] = array(
				'sql'  => $jetonomy_analytics_sql,
				'plan' => $wpdb->get_results( 'EXPLAIN ' . $jetonomy_analytics_sql, ARRAY_A ), // phpcs:ignore WordPress.DB
			);
		}
	}
	jetonomy_analytics_bench_done( array( 'plans' => $jetonomy_analytics_plans ) );
}

if ( 'queries' === $jetonomy_analytics_mode ) {
	global $wpdb;
	$jetonomy_analytics_times = array();
	foreach ( array( 'direct', 'aggregate' ) as $jetonomy_analytics_path ) {
		foreach ( Jetonomy_Analytics_Reports::queries( $jetonomy_analytics_path, $jetonomy_analytics_start, $jetonomy_analytics_end ) as $jetonomy_analytics_name => $jetonomy_analytics_sql ) {
			$jetonomy_analytics_ms = array();
			for ( $jetonomy_analytics_i = 0; $jetonomy_analytics_i < (int) ( $jetonomy_analytics_args['runs'] ?? 5 ); $jetonomy_analytics_i++ ) {
				$jetonomy_analytics_t0 = hrtime( true );
				$wpdb->get_results( $jetonomy_analytics_sql, ARRAY_N ); // phpcs:ignore WordPress.DB -- prepared by Reports::queries().
				$jetonomy_analytics_ms[] = ( hrtime( true ) - $jetonomy_analytics_t0 ) / 1e6;
			}
			sort( $jetonomy_analytics_ms );
			$jetonomy_analytics_times[ $jetonomy_analytics_path . ' ' . $jetonomy_analytics_name ] = array(
				'ms'   => $jetonomy_analytics_ms[ intdiv( count( $jetonomy_analytics_ms ), 2 ) ],
				'rows' => count( $wpdb->last_result ),
			);
		}
	}
	jetonomy_analytics_bench_done( array( 'queries' => $jetonomy_analytics_times ) );
}

// Report: the database part of one path's report, timed a few times (the per-request cache is flushed between runs).
$jetonomy_analytics_runs = array();
for ( $jetonomy_analytics_i = 0; $jetonomy_analytics_i < (int) ( $jetonomy_analytics_args['runs'] ?? 5 ); $jetonomy_analytics_i++ ) {
	Jetonomy_Analytics_Reports::flush_cache();
	$jetonomy_analytics_t0 = hrtime( true );
	Jetonomy_Analytics_Reports::stats( (string) $jetonomy_analytics_args['path'], $jetonomy_analytics_start, $jetonomy_analytics_end );
	$jetonomy_analytics_runs[] = ( hrtime( true ) - $jetonomy_analytics_t0 ) / 1e6;
}
jetonomy_analytics_bench_done( array( 'ms' => $jetonomy_analytics_runs ) );
