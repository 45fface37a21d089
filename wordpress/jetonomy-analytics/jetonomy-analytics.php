<?php
/**
 * Plugin Name:       Jetonomy Analytics
 * Description:       Community analytics for Jetonomy: ingests community events into core state tables and daily rollups, and serves the @jetonomy/analytics dashboard's REST contract (jetonomy/v1/analytics) from MariaDB/MySQL, on a direct and an aggregate path.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      8.2
 * License:           MIT
 * Text Domain:       jetonomy-analytics
 *
 * @package Jetonomy_Analytics
 */

defined( 'ABSPATH' ) || exit;

define( 'JETONOMY_ANALYTICS_VERSION', '0.1.0' );
define( 'JETONOMY_ANALYTICS_FILE', __FILE__ );
define( 'JETONOMY_ANALYTICS_DIR', plugin_dir_path( __FILE__ ) );

require_once JETONOMY_ANALYTICS_DIR . 'includes/class-jetonomy-analytics-schema.php';
require_once JETONOMY_ANALYTICS_DIR . 'includes/class-jetonomy-analytics-dates.php';
require_once JETONOMY_ANALYTICS_DIR . 'includes/class-jetonomy-analytics-validator.php';
require_once JETONOMY_ANALYTICS_DIR . 'includes/class-jetonomy-analytics-aggregator.php';
require_once JETONOMY_ANALYTICS_DIR . 'includes/class-jetonomy-analytics-ingest.php';
require_once JETONOMY_ANALYTICS_DIR . 'includes/class-jetonomy-analytics-reports.php';
require_once JETONOMY_ANALYTICS_DIR . 'includes/class-jetonomy-analytics-rest.php';
if ( file_exists( JETONOMY_ANALYTICS_DIR . 'includes/admin-page.php' ) ) {
	require_once JETONOMY_ANALYTICS_DIR . 'includes/admin-page.php';
}

register_activation_hook( __FILE__, array( 'Jetonomy_Analytics_Schema', 'install' ) );

add_action(
	'plugins_loaded',
	static function () {
		if ( get_option( 'jetonomy_analytics_db_version' ) !== Jetonomy_Analytics_Schema::DB_VERSION ) {
			Jetonomy_Analytics_Schema::install();
		}
	}
);

add_action( 'rest_api_init', array( 'Jetonomy_Analytics_Rest', 'register' ) );

add_action(
	'jetonomy_analytics_event',
	static function ( $event ) {
		jetonomy_analytics_ingest( array( $event ) );
	}
);

/**
 * The capability that lets a user read analytics (default `jetonomy_view_analytics`).
 *
 * @return string
 */
function jetonomy_analytics_capability() {
	/**
	 * Filters the capability required to read analytics, e.g. 'manage_options'.
	 *
	 * @param string $capability Default 'jetonomy_view_analytics'.
	 */
	return (string) apply_filters( 'jetonomy_analytics_capability', 'jetonomy_view_analytics' );
}

/**
 * Ingests events (associative arrays with snake_case keys, as on the wire).
 *
 * @param array $events The events.
 * @return array{applied:int,duplicates:int,held:int,released:int,rejected:array<int,array{index:int,id?:string,reason:string}>}
 */
function jetonomy_analytics_ingest( array $events ) {
	$result = Jetonomy_Analytics_Ingest::ingest( $events );
	Jetonomy_Analytics_Reports::flush_cache();
	return $result;
}

/**
 * Empties the rollups and records from `$since_ms` (epoch ms; default now). No backfill.
 *
 * @param int|null $since_ms Recording since.
 * @return int The recording-since value set.
 */
function jetonomy_analytics_restart_aggregator( ?int $since_ms = null ) {
	$since = Jetonomy_Analytics_Aggregator::restart( $since_ms );
	Jetonomy_Analytics_Reports::flush_cache();
	return $since;
}

/**
 * Stops maintaining the rollups.
 */
function jetonomy_analytics_stop_aggregator() {
	Jetonomy_Analytics_Aggregator::stop();
	Jetonomy_Analytics_Reports::flush_cache();
}

/**
 * Empties every plugin table; the aggregator then records the whole history again.
 */
function jetonomy_analytics_reset() {
	Jetonomy_Analytics_Schema::reset();
	Jetonomy_Analytics_Reports::flush_cache();
}
